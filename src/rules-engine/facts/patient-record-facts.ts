import type { FactDefinition } from '../fact.js';

/** Facts from the practice's other records: authorization, documentation, eligibility, identity, duplicates, timely filing. */
export const PATIENT_RECORD_FACTS: readonly FactDefinition[] = [];
