/**
 * The defect catalogue: what the simulator injects into claims, which rule of the pack is expected
 * to catch each kind (`expectedRules`: any one of them firing on the claim counts as caught), the rule
 * category, and the CARC a payer would deny with.
 *
 * Default rates are shares of all claims, chosen so the injected total (about 12%) and its mix follow
 * published industry figures (../shared/INDUSTRY-FIGURES.md; industry estimates, not measurements):
 * - initial denial rate 11.81% of hospital claims in 2024 (Kodiak Solutions benchmark via HFMA /
 *   TechTarget; 10.15% in 2020, 11.53% in 2023);
 * - registration / eligibility the largest root cause, about a quarter of denials (23.9% in 2016,
 *   27% in 2020, Change Healthcare Denials Index): 3.25% of claims here, split eligibility and identity;
 * - request for information (documentation) 3.49%, authorization 1.52% and medical necessity 0.98% of
 *   all claims (Kodiak 2024 denial mix via HFMA): documentation 3.2%, authorization 1.52%, medical
 *   necessity 0.98% here;
 * - the rest (coding, bundling, units, duplicates, timely filing, billing data, coordination of
 *   benefits) shares the remainder, about 3% of claims; these splits are our assumption.
 * The remaining ~88% of claims are clean: no defect injected (MGMA's first-pass clean-claim target is
 * 95% or better; the simulated practice is an average one, not a best-practice one).
 */

export type ClaimKind = 'professional' | 'institutional';

/** The grouping of denial causes (for rates and dashboards). */
export type DefectGroup =
  'registration-eligibility' | 'authorization' | 'documentation' | 'medical-necessity' | 'coding' | 'other';

export const DEFECT_KINDS = [
  'coverage-ended',
  'coverage-not-started',
  'member-not-on-roster',
  'name-nickname',
  'name-misspelled',
  'dob-transposed',
  'member-id-typo',
  'duplicate-registration',
  'member-id-format',
  'auth-missing',
  'auth-expired',
  'auth-other-code',
  'auth-units-exceeded',
  'auth-pending',
  'note-missing',
  'procedure-undocumented',
  'diagnosis-undocumented',
  'note-unsigned',
  'abbreviation-conflict',
  'diagnosis-not-covered',
  'em-without-modifier-25',
  'diagnosis-not-billable',
  'modifier-invalid',
  'diagnosis-pointer-invalid',
  'ncci-unbundled',
  'units-over-mue',
  'duplicate-claim',
  'filed-late',
  'rendering-npi-invalid',
  'secondary-without-primary',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface DefectSpec {
  kind: DefectKind;
  group: DefectGroup;
  /** The rule category (rules/README.md) expected to catch it. */
  category: string;
  /** Rule ids: the defect counts as caught when any of them fires on the claim. */
  expectedRules: readonly string[];
  /** CARC(s) a payer would deny it with (code values only). */
  carc: readonly string[];
  /** Default share of all claims (0.008 = 0.8%). */
  rate: number;
  /** Claim types it can be injected into. */
  claimTypes: readonly ClaimKind[];
  description: string;
}

const BOTH: readonly ClaimKind[] = ['professional', 'institutional'];
const PROF: readonly ClaimKind[] = ['professional'];

export const DEFECTS: readonly DefectSpec[] = [
  // Registration / eligibility (about a quarter of denials).
  d(
    'coverage-ended',
    'registration-eligibility',
    'eligibility',
    ['ELIG-COVERAGE-ENDED'],
    ['27'],
    0.008,
    BOTH,
    'The patient changed plans; registration still bills the old payer, whose coverage ended before the date of service.',
  ),
  d(
    'coverage-not-started',
    'registration-eligibility',
    'eligibility',
    ['ELIG-COVERAGE-NOT-STARTED'],
    ['26'],
    0.003,
    BOTH,
    'Billed to a plan whose coverage starts after the date of service.',
  ),
  d(
    'member-not-on-roster',
    'registration-eligibility',
    'eligibility',
    ['ELIG-MEMBER-NOT-FOUND'],
    ['31'],
    0.005,
    BOTH,
    'Insurance taken from the patient without verification: the payer has no such member.',
  ),
  d(
    'name-nickname',
    'registration-eligibility',
    'identity',
    ['IDENT-NAME-MISMATCH'],
    ['140'],
    0.0035,
    BOTH,
    'Registered under a nickname (BILL for WILLIAM); the payer has the legal name.',
  ),
  d(
    'name-misspelled',
    'registration-eligibility',
    'identity',
    ['IDENT-NAME-MISMATCH'],
    ['140'],
    0.0025,
    BOTH,
    'Last name misspelt at registration (one letter).',
  ),
  d(
    'dob-transposed',
    'registration-eligibility',
    'identity',
    ['IDENT-DOB-MISMATCH'],
    ['31'],
    0.003,
    BOTH,
    'Date of birth keyed with two neighbouring digits swapped.',
  ),
  d(
    'member-id-typo',
    'registration-eligibility',
    'identity',
    ['IDENT-MEMBER-ID-MISMATCH'],
    ['140', '31'],
    0.003,
    BOTH,
    'One digit of the member id mistyped or two digits swapped.',
  ),
  d(
    'duplicate-registration',
    'registration-eligibility',
    'identity',
    ['IDENT-DUPLICATE-RECORD'],
    ['31'],
    0.002,
    BOTH,
    'The payer roster carries the patient twice, under an old and a new member id.',
  ),
  d(
    'member-id-format',
    'registration-eligibility',
    'billing-data',
    ['BILLING-MEMBER-ID-PATTERN'],
    ['31'],
    0.0025,
    BOTH,
    'Member id typed with the dashes the card prints for reading; the payer format has none.',
  ),
  // Authorization (1.52% of claims).
  d(
    'auth-missing',
    'authorization',
    'authorization',
    ['AUTH-REQUIRED'],
    ['197'],
    0.006,
    BOTH,
    'A service on the payer prior-authorization list billed with no authorization on file.',
  ),
  d(
    'auth-expired',
    'authorization',
    'authorization',
    ['AUTH-OUTSIDE-PERIOD'],
    ['197'],
    0.0035,
    BOTH,
    'The authorization quoted expired before the date of service.',
  ),
  d(
    'auth-other-code',
    'authorization',
    'authorization',
    ['AUTH-REQUIRED', 'AUTH-NUMBER-INVALID', 'AUTH-LINE-NUMBER-INVALID'],
    ['197', '15'],
    0.0025,
    BOTH,
    'The authorization on file is for a neighbouring code (with contrast instead of without, say).',
  ),
  d(
    'auth-units-exceeded',
    'authorization',
    'authorization',
    ['AUTH-UNITS-EXCEEDED'],
    ['198'],
    0.002,
    BOTH,
    'More units billed than the authorization approved.',
  ),
  d(
    'auth-pending',
    'authorization',
    'authorization',
    ['AUTH-NOT-APPROVED'],
    ['197'],
    0.0012,
    BOTH,
    'Service performed while the authorization request was still pending.',
  ),
  // Documentation / request for information (3.49% of claims).
  d(
    'note-missing',
    'documentation',
    'documentation',
    ['DOC-MISSING'],
    ['16', '252'],
    0.009,
    BOTH,
    'No clinical note for the date of service.',
  ),
  d(
    'procedure-undocumented',
    'documentation',
    'documentation',
    ['DOC-PROCEDURE-UNDOCUMENTED'],
    ['16'],
    0.008,
    BOTH,
    'A billed procedure is not among those the note documents.',
  ),
  d(
    'diagnosis-undocumented',
    'documentation',
    'documentation',
    ['DOC-DIAGNOSIS-UNDOCUMENTED'],
    ['11'],
    0.006,
    BOTH,
    'A diagnosis carried over from the problem list is billed but not documented for the visit.',
  ),
  d(
    'note-unsigned',
    'documentation',
    'documentation',
    ['DOC-UNSIGNED'],
    ['16'],
    0.007,
    BOTH,
    'The note of the visit is not signed.',
  ),
  d(
    'abbreviation-conflict',
    'documentation',
    'documentation',
    ['DOC-ABBREVIATION-CONFLICT'],
    ['11'],
    0.002,
    BOTH,
    '"MI" in a valve note (mitral insufficiency) coded as old myocardial infarction.',
  ),
  // Medical necessity (0.98% of claims).
  d(
    'diagnosis-not-covered',
    'medical-necessity',
    'medical-necessity',
    ['MEDNEC-DX-NOT-COVERED'],
    ['50'],
    0.0098,
    PROF,
    'The diagnosis pointed at does not support the procedure under the coverage policy.',
  ),
  // Coding.
  d(
    'em-without-modifier-25',
    'coding',
    'coding',
    ['CODING-EM-SAME-DAY-PROCEDURE'],
    ['97'],
    0.005,
    PROF,
    'E/M billed with a same-day minor procedure without modifier 25.',
  ),
  d(
    'diagnosis-not-billable',
    'coding',
    'coding',
    ['CODING-DX-INVALID'],
    ['146'],
    0.004,
    BOTH,
    'A diagnosis cut short to its category (E11 instead of E11.9).',
  ),
  d(
    'modifier-invalid',
    'coding',
    'coding',
    ['CODING-MODIFIER-INVALID'],
    ['4'],
    0.002,
    PROF,
    'A modifier that does not exist (RX typed for RT).',
  ),
  d(
    'diagnosis-pointer-invalid',
    'coding',
    'coding',
    ['CODING-DX-POINTER-INVALID'],
    ['16'],
    0.002,
    PROF,
    'A line points at a diagnosis position the claim does not have.',
  ),
  // Other causes.
  d(
    'ncci-unbundled',
    'other',
    'bundling',
    ['BUNDLING-NCCI-PTP'],
    ['236', '97'],
    0.004,
    PROF,
    'A column-2 code of an NCCI pair billed with its column-1 code (ECG interpretation with the global ECG, ultrasound guidance with a joint injection).',
  ),
  d(
    'units-over-mue',
    'other',
    'units',
    ['UNITS-MUE-EXCEEDED'],
    ['151'],
    0.003,
    PROF,
    'Units over the medically unlikely edit.',
  ),
  d(
    'duplicate-claim',
    'other',
    'duplicate',
    ['DUP-SAME-SERVICE'],
    ['18'],
    0.004,
    BOTH,
    'The same service sent again as a new original claim.',
  ),
  d(
    'filed-late',
    'other',
    'timely-filing',
    ['TF-PAST-LIMIT'],
    ['29'],
    0.003,
    BOTH,
    'A claim found in a work queue and sent after the payer filing limit.',
  ),
  d(
    'rendering-npi-invalid',
    'other',
    'billing-data',
    ['BILLING-NPI-INVALID'],
    ['16'],
    0.0015,
    PROF,
    'The rendering NPI has a wrong check digit (typo in the provider file).',
  ),
  d(
    'secondary-without-primary',
    'other',
    'coordination-of-benefits',
    ['COB-PRIOR-PAYER-ADJUDICATION-MISSING'],
    ['22'],
    0.001,
    BOTH,
    'Billed as secondary without the primary payer adjudication.',
  ),
];

function d(
  kind: DefectKind,
  group: DefectGroup,
  category: string,
  expectedRules: readonly string[],
  carc: readonly string[],
  rate: number,
  claimTypes: readonly ClaimKind[],
  description: string,
): DefectSpec {
  return { kind, group, category, expectedRules, carc, rate, claimTypes, description };
}

export function defectSpec(kind: DefectKind): DefectSpec {
  return DEFECTS.find((s) => s.kind === kind)!;
}

export function isDefectKind(v: string): v is DefectKind {
  return (DEFECT_KINDS as readonly string[]).includes(v);
}

/** Rates by kind: the defaults, with overrides (each 0..1); the total must stay ≤ 1. */
export function defectRates(
  overrides: Partial<Record<DefectKind, number>> = {},
  scale = 1,
): Map<DefectKind, number> {
  const out = new Map<DefectKind, number>();
  let total = 0;
  for (const s of DEFECTS) {
    const r = (overrides[s.kind] ?? s.rate) * scale;
    if (!(r >= 0 && r <= 1))
      throw new RangeError(`defect rate for ${s.kind} must be between 0 and 1, got ${r}`);
    out.set(s.kind, r);
    total += r;
  }
  if (total > 1) throw new RangeError(`the defect rates add up to ${total.toFixed(4)}, more than 1`);
  return out;
}

/** Sum of the default rates (the injected share of claims). */
export function defaultDefectTotal(): number {
  return DEFECTS.reduce((s, x) => s + x.rate, 0);
}
