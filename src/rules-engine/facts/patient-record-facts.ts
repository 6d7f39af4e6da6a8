import type { FactDefinition } from '../fact.js';
import { AUTHORIZATION_FACTS } from './authorization-facts.js';
import { DOCUMENTATION_FACTS } from './documentation-facts.js';
import { DUPLICATE_FACTS } from './duplicate-facts.js';
import { ELIGIBILITY_FACTS } from './eligibility-facts.js';
import { IDENTITY_FACTS } from './identity-facts.js';
import { TIMELY_FILING_FACTS } from './timely-filing-facts.js';

/** Facts from the practice's other records: authorization, documentation, eligibility, identity, duplicates, timely filing. */
export const PATIENT_RECORD_FACTS: readonly FactDefinition[] = [
  ...AUTHORIZATION_FACTS,
  ...DOCUMENTATION_FACTS,
  ...ELIGIBILITY_FACTS,
  ...IDENTITY_FACTS,
  ...DUPLICATE_FACTS,
  ...TIMELY_FILING_FACTS,
];
