import type { FactDefinition } from '../fact.js';

/** Facts from the claim itself: basics, coding, medical necessity, bundling, units, billing data, balancing, COB. */
export const CLAIM_DATA_FACTS: readonly FactDefinition[] = [];
