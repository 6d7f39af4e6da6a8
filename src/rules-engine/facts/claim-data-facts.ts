import type { FactDefinition } from '../fact.js';
import { BALANCING_FACTS } from './balancing-facts.js';
import { BASIC_FACTS } from './basic-facts.js';
import { BILLING_DATA_FACTS } from './billing-data-facts.js';
import { BUNDLING_FACTS } from './bundling-facts.js';
import { COB_FACTS } from './coordination-of-benefits-facts.js';
import { CODING_FACTS } from './coding-facts.js';
import { MEDICAL_NECESSITY_FACTS } from './medical-necessity-facts.js';
import { UNITS_FACTS } from './units-facts.js';

/** Facts from the claim itself: basics, coding, medical necessity, bundling, units, billing data, balancing, COB. */
export const CLAIM_DATA_FACTS: readonly FactDefinition[] = [
  ...BASIC_FACTS,
  ...CODING_FACTS,
  ...MEDICAL_NECESSITY_FACTS,
  ...BUNDLING_FACTS,
  ...UNITS_FACTS,
  ...BILLING_DATA_FACTS,
  ...BALANCING_FACTS,
  ...COB_FACTS,
];
