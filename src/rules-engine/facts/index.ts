import type { FactDefinition } from '../fact.js';
import { CLAIM_DATA_FACTS } from './claim-data-facts.js';
import { PATIENT_RECORD_FACTS } from './patient-record-facts.js';
import { TAXONOMY_FACTS } from './taxonomy-facts.js';

/**
 * Every fact rules may use. Two families: what the claim itself says (codes, units, providers,
 * totals, tables; `claim-data-facts.ts`) and what the practice's other records say about it
 * (authorizations, documentation, coverage, identity, history, filing; `patient-record-facts.ts`).
 */
export const ALL_FACTS: readonly FactDefinition[] = [
  ...CLAIM_DATA_FACTS,
  ...TAXONOMY_FACTS,
  ...PATIENT_RECORD_FACTS,
];
