/**
 * The simulated practice: payers (with the profile the rule pack applies to them), specialties with
 * their typical problems, services and diagnoses, locations and rendering providers. Everything here
 * is synthetic: names are invented, NPIs are random numbers with a valid check digit, payer ids are
 * the pack's test ids or SIM* ids that no real payer uses.
 */
import type { Rng } from './rng.js';

export type PayerKind = 'commercial' | 'medicare' | 'medicare-advantage' | 'medicaid';

export interface SimPayer {
  id: string;
  name: string;
  kind: PayerKind;
  /** SBR09 claim filing indicator. */
  filingIndicator: string;
  timelyFilingDays: number;
  appealDays: number;
  /** Prior-authorization list as in a rules/payers profile: codes or ranges `70551-70553`. */
  priorAuthCodes: readonly string[];
  memberIdPattern: string | null;
  /** Share of the panel covered by this payer (relative weight). */
  share: number;
  /** Allowed amount as a share of the practice's charge (fee schedule). */
  feeRate: number;
  planNames: readonly string[];
  /**
   * Where the rule pack finds the profile: `rules/payers` (already in the pack) or `simulator` (the
   * simulator writes it to `<out>/rules-payers/`; copy it into the rules' payers folder before a run).
   */
  profile: 'rules/payers' | 'simulator';
  /** Comment written on top of a simulator profile (source and assumptions). */
  profileNote?: string;
}

/** The default profile's prior-authorization list (rules/payers/default.yaml). */
const DEFAULT_PRIOR_AUTH: readonly string[] = [
  '70551-70553',
  '72141-72158',
  '73218-73223',
  '73718-73723',
  '74181-74183',
  '70450-70498',
  '71250-71275',
  '72125-72133',
  '73200-73206',
  '73700-73706',
  '74150-74178',
  '78811-78816',
  '95810-95811',
  'E0260',
  'E0601',
  'K0823',
];

const MBI_LETTER = 'ACDEFGHJKMNPQRTUVWXY';

/**
 * The payers. Three use the profiles the pack already has (TESTCOM01, TESTPAYER, TESTMCR01; their
 * fields mirror rules/payers/*.yaml and a test checks they agree); two are the simulator's own
 * (SIMMCD01 Medicaid-like, SIMMA01 Medicare Advantage-like), whose profiles it writes.
 */
export const PAYERS: readonly SimPayer[] = [
  {
    id: 'TESTCOM01',
    name: 'EXAMPLE COMMERCIAL PPO',
    kind: 'commercial',
    filingIndicator: 'CI',
    timelyFilingDays: 180,
    appealDays: 180,
    priorAuthCodes: [...DEFAULT_PRIOR_AUTH, '97110', '97140'],
    memberIdPattern: '^[A-Z]{3}[0-9]{9}$',
    share: 34,
    feeRate: 0.62,
    planNames: ['EXAMPLE PPO GOLD', 'EXAMPLE PPO SILVER'],
    profile: 'rules/payers',
  },
  {
    id: 'TESTPAYER',
    name: 'TESTPAYER HEALTH PLAN',
    kind: 'commercial',
    filingIndicator: 'HM',
    timelyFilingDays: 90,
    appealDays: 60,
    priorAuthCodes: ['73721', '97110', '70551-70553', '72141-72158', 'E0601'],
    memberIdPattern: null,
    share: 14,
    feeRate: 0.58,
    planNames: ['TESTPAYER HMO'],
    profile: 'rules/payers',
  },
  {
    id: 'TESTMCR01',
    name: 'MEDICARE PART B EXAMPLE',
    kind: 'medicare',
    filingIndicator: 'MB',
    timelyFilingDays: 365,
    appealDays: 120,
    priorAuthCodes: ['K0823', 'E0260'],
    memberIdPattern:
      '^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y]{2}[0-9]{2}$',
    share: 22,
    feeRate: 0.45,
    planNames: ['MEDICARE PART B'],
    profile: 'rules/payers',
  },
  {
    id: 'SIMMCD01',
    name: 'SIMULATED STATE MEDICAID',
    kind: 'medicaid',
    filingIndicator: 'MC',
    timelyFilingDays: 365,
    appealDays: 90,
    priorAuthCodes: [...DEFAULT_PRIOR_AUTH, '97110', '97140'],
    memberIdPattern: '^[0-9]{11}$',
    share: 16,
    feeRate: 0.38,
    planNames: ['SIMULATED MEDICAID FFS'],
    profile: 'simulator',
    profileNote:
      'Timely filing 365 days: federal Medicaid rules require claims within 12 months of the service\n' +
      '(42 CFR 447.45(d)); appeal window and the prior-authorization list (default list plus physical\n' +
      'therapy 97110/97140) are assumptions. Member ids: 11 digits, an invented format.',
  },
  {
    id: 'SIMMA01',
    name: 'SIMULATED MEDICARE ADVANTAGE HMO',
    kind: 'medicare-advantage',
    filingIndicator: '16',
    timelyFilingDays: 180,
    appealDays: 65,
    priorAuthCodes: [...DEFAULT_PRIOR_AUTH, '97110', '93306'],
    memberIdPattern: '^MA[0-9]{9}$',
    share: 14,
    feeRate: 0.47,
    planNames: ['SIMULATED ADVANTAGE HMO'],
    profile: 'simulator',
    profileNote:
      'Medicare Advantage plans commonly require prior authorization beyond traditional Medicare\n' +
      '(therapy, echocardiography, advanced imaging); the list is an assumption. Appeals (plan\n' +
      'reconsideration) within 65 days (42 CFR 422.582). Timely filing 180 days is an assumed contract\n' +
      'term. Member ids: MA and nine digits, an invented format.',
  },
];

export function payerById(id: string): SimPayer {
  const p = PAYERS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown simulated payer ${id}`);
  return p;
}

/** Whether a payer's prior-authorization list holds `code` (ranges compare codes of the same length). */
export function requiresAuth(payer: SimPayer, code: string): boolean {
  for (const entry of payer.priorAuthCodes) {
    const dash = entry.indexOf('-');
    if (dash < 0) {
      if (entry === code) return true;
    } else {
      const lo = entry.slice(0, dash);
      const hi = entry.slice(dash + 1);
      if (code.length === lo.length && code >= lo && code <= hi) return true;
    }
  }
  return false;
}

/** A member id in the payer's format. */
export function memberIdFor(payer: SimPayer, rng: Rng): string {
  switch (payer.id) {
    case 'TESTCOM01':
      return rng.pick(['XKC', 'QWB', 'ZRT', 'HNV']) + rng.digits(9);
    case 'TESTPAYER':
      return `TP${rng.digits(8)}`;
    case 'TESTMCR01': {
      const l = () => rng.pick([...MBI_LETTER]);
      const ln = () => rng.pick([...MBI_LETTER, ...'0123456789']);
      const n = () => String(rng.int(0, 9));
      return `${rng.int(1, 9)}${l()}${ln()}${n()}${l()}${ln()}${n()}${l()}${l()}${n()}${n()}`;
    }
    case 'SIMMCD01':
      return `${rng.int(1, 9)}${rng.digits(10)}`;
    case 'SIMMA01':
      return `MA${rng.digits(9)}`;
    default:
      throw new Error(`no member id format for ${payer.id}`);
  }
}

// ------------------------------------------------------------------------------------------ codes

export interface ProcedureInfo {
  code: string;
  chargeCents: number;
  description: string;
  /** Revenue code when billed by the facility on an 837I. */
  revenueCode?: string;
  /** Medically unlikely edit (rules/tables/mue.csv) when one applies: max units per line/day. */
  mue?: number;
  isEm?: boolean;
}

/** The practice's charge master. CPT codes are format-checked only; HCPCS ones are in the 2026 release. */
export const PROCEDURES: Readonly<Record<string, ProcedureInfo>> = Object.fromEntries(
  (
    [
      ['99202', 9500, 'Office visit, new, straightforward', undefined, 1, true],
      ['99203', 14500, 'Office visit, new, low', undefined, 1, true],
      ['99204', 21500, 'Office visit, new, moderate', undefined, 1, true],
      ['99205', 28500, 'Office visit, new, high', undefined, 1, true],
      ['99212', 7500, 'Office visit, established, straightforward', undefined, 1, true],
      ['99213', 11500, 'Office visit, established, low', undefined, 1, true],
      ['99214', 16500, 'Office visit, established, moderate', undefined, 1, true],
      ['99215', 23000, 'Office visit, established, high', undefined, 1, true],
      ['99395', 19500, 'Preventive visit, 18-39', undefined, undefined, true],
      ['99396', 21000, 'Preventive visit, 40-64', undefined, undefined, true],
      ['99397', 22500, 'Preventive visit, 65+', undefined, undefined, true],
      ['36415', 1500, 'Venipuncture', '0300', 2],
      ['80053', 4200, 'Comprehensive metabolic panel', '0301', 1],
      ['80048', 3200, 'Basic metabolic panel', '0301', 1],
      ['80061', 5800, 'Lipid panel', '0301', 1],
      ['83036', 3900, 'Hemoglobin A1c', '0301', 1],
      ['85025', 2800, 'CBC with differential', '0305', 1],
      ['93000', 6500, 'ECG with interpretation', '0730', 1],
      ['93005', 4000, 'ECG tracing only', '0730', 1],
      ['93010', 2500, 'ECG interpretation only', '0730', 3],
      ['93306', 78000, 'Echocardiography, complete TTE', '0483'],
      ['17000', 14000, 'Destruction premalignant lesion, first'],
      ['17003', 1800, 'Destruction premalignant lesions, 2-14 each'],
      ['17110', 16000, 'Destruction benign lesions up to 14'],
      ['11102', 15500, 'Tangential biopsy of skin, single'],
      ['20610', 19000, 'Arthrocentesis/injection, major joint', '0510', 2],
      ['76942', 12500, 'Ultrasound guidance for needle placement', '0402'],
      ['J3301', 450, 'Triamcinolone acetonide, per 10 mg', '0636'],
      ['73562', 11000, 'X-ray knee, 3 views', '0320'],
      ['73030', 9000, 'X-ray shoulder, 2 views', '0320'],
      ['73721', 145000, 'MRI lower extremity joint without contrast', '0610', 2],
      ['73722', 165000, 'MRI lower extremity joint with contrast', '0610'],
      ['72148', 150000, 'MRI lumbar spine without contrast', '0610', 1],
      ['97161', 15000, 'PT evaluation, low complexity', '0424', 1],
      ['97110', 5200, 'Therapeutic exercise, each 15 minutes', '0420', 4],
      ['97140', 4800, 'Manual therapy, each 15 minutes', '0420', 4],
    ] as const
  ).map(([code, chargeCents, description, revenueCode, mue, isEm]) => [
    code,
    {
      code,
      chargeCents,
      description,
      ...(revenueCode ? { revenueCode } : {}),
      ...(mue !== undefined ? { mue } : {}),
      ...(isEm ? { isEm: true } : {}),
    } satisfies ProcedureInfo,
  ]),
);

export function procedure(code: string): ProcedureInfo {
  const p = PROCEDURES[code];
  if (!p) throw new Error(`procedure ${code} is not in the simulator's charge master`);
  return p;
}

/** Every ICD-10-CM code the simulator bills (with the dot), billable in FY2025 and FY2026. */
export const DIAGNOSES: Readonly<Record<string, string>> = {
  I10: 'Essential hypertension',
  'E11.9': 'Type 2 diabetes mellitus without complications',
  'E78.5': 'Hyperlipidemia, unspecified',
  'J06.9': 'Acute upper respiratory infection',
  'K21.9': 'GERD without esophagitis',
  'J45.909': 'Unspecified asthma, uncomplicated',
  'F41.1': 'Generalized anxiety disorder',
  'R00.2': 'Palpitations',
  'Z00.00': 'General adult exam without abnormal findings',
  'Z13.220': 'Screening for lipoid disorders',
  'E66.9': 'Obesity, unspecified',
  'I25.10': 'Atherosclerotic heart disease of native coronary artery',
  'I48.91': 'Unspecified atrial fibrillation',
  'R07.9': 'Chest pain, unspecified',
  'I50.9': 'Heart failure, unspecified',
  'I34.0': 'Nonrheumatic mitral (valve) insufficiency',
  'I25.2': 'Old myocardial infarction',
  'L57.0': 'Actinic keratosis',
  'B07.9': 'Viral wart, unspecified',
  'D48.5': 'Neoplasm of uncertain behavior of skin',
  'L70.0': 'Acne vulgaris',
  'L40.0': 'Psoriasis vulgaris',
  'L30.9': 'Dermatitis, unspecified',
  'M17.11': 'Unilateral primary osteoarthritis, right knee',
  'M17.12': 'Unilateral primary osteoarthritis, left knee',
  'M25.561': 'Pain in right knee',
  'M25.562': 'Pain in left knee',
  'S83.511A': 'Sprain of ACL of right knee, initial encounter',
  'M54.50': 'Low back pain, unspecified',
  'M75.101': 'Rotator cuff tear of right shoulder, not traumatic',
  'M19.011': 'Primary osteoarthritis, right shoulder',
  'R26.2': 'Difficulty in walking, not elsewhere classified',
};

/**
 * Category codes that are not billable (they need more characters): what a coder slips to when a
 * specific code is cut short. Used by the `diagnosis-not-billable` defect.
 */
export const NON_BILLABLE_DIAGNOSES: Readonly<Record<string, string>> = {
  'E11.9': 'E11',
  'M54.50': 'M54.5',
  'I25.10': 'I25.1',
  'M17.11': 'M17',
  'L57.0': 'L57',
  'I48.91': 'I48',
  'J45.909': 'J45',
  'M25.561': 'M25.56',
};

/** ICD-10-CM code without the dot (as on an X12 HI segment). */
export function undot(code: string): string {
  return code.replace('.', '');
}

// ------------------------------------------------------------------------------------ specialties

export type SpecialtyId = 'primary-care' | 'cardiology' | 'dermatology' | 'orthopedics';

/** A service line of a visit template; `side` adds RT/LT following the diagnosis. */
export interface LineTemplate {
  code: string;
  units?: readonly [number, number];
  modifiers?: readonly string[];
  side?: boolean;
  /** 1-based indexes into the problem's diagnoses the line points at (default [1]). */
  pointers?: readonly number[];
}

export interface VisitTemplate {
  name: string;
  weight: number;
  lines: readonly LineTemplate[];
  /** Billed on an 837I by the outpatient department (facility) instead of an 837P. */
  institutional?: boolean;
  /** Only for patients of these ages (inclusive). */
  ages?: readonly [number, number];
  /** Needs a new-patient E/M (first visit). */
  newPatient?: boolean;
}

export interface Problem {
  /** Diagnoses, principal first (with the dot). */
  dx: readonly string[];
  weight: number;
  /** Which side for RT/LT lines. */
  side?: 'RT' | 'LT';
  visits: readonly VisitTemplate[];
  /** Note phrases: the assessment text of the note (synthetic, short). */
  note: readonly string[];
}

export interface Specialty {
  id: SpecialtyId;
  name: string;
  /** NUCC taxonomy of the specialty's physicians. */
  taxonomy: string;
  /** Relative share of the practice's encounters. */
  share: number;
  problems: readonly Problem[];
}

const em = (code: string, extra: readonly LineTemplate[] = [], weight = 1, name = code): VisitTemplate => ({
  name,
  weight,
  lines: [{ code }, ...extra],
});

export const SPECIALTIES: readonly Specialty[] = [
  {
    id: 'primary-care',
    name: 'Primary care',
    taxonomy: '207Q00000X',
    share: 40,
    problems: [
      {
        dx: ['I10'],
        weight: 5,
        visits: [em('99213', [], 3), em('99214', [{ code: '36415' }, { code: '80053' }], 2, 'htn-labs')],
        note: ['Hypertension follow-up. BP controlled on lisinopril. Continue current dose.'],
      },
      {
        dx: ['E11.9', 'E78.5'],
        weight: 4,
        visits: [
          em('99214', [{ code: '36415' }, { code: '83036' }], 3, 'dm-a1c'),
          em('99214', [{ code: '36415' }, { code: '80061', pointers: [2] }], 1, 'dm-lipids'),
        ],
        note: [
          'DM type 2 on metformin, A1c reviewed, sugars stable. Hyperlipidemia on statin.',
          'Type 2 diabetes follow-up; glucose log reviewed. Lipids discussed.',
        ],
      },
      {
        dx: ['E78.5'],
        weight: 2,
        visits: [em('99213', [{ code: '36415' }, { code: '80061' }], 1, 'lipids')],
        note: ['Hyperlipidemia, fasting lipid panel drawn today. Diet counseling.'],
      },
      {
        dx: ['J06.9'],
        weight: 4,
        visits: [em('99212', [], 1), em('99213', [], 2)],
        note: ['Sore throat and congestion for three days. Acute URI, supportive care.'],
      },
      { dx: ['K21.9'], weight: 2, visits: [em('99213')], note: ['Heartburn after meals. GERD, start PPI.'] },
      { dx: ['J45.909'], weight: 2, visits: [em('99213')], note: ['Asthma check, inhaler use reviewed.'] },
      {
        dx: ['F41.1'],
        weight: 2,
        visits: [em('99214')],
        note: ['Generalized anxiety, counseling and SSRI.'],
      },
      {
        dx: ['R00.2'],
        weight: 1,
        visits: [em('99213', [{ code: '93000' }], 1, 'palpitations-ecg')],
        note: ['Intermittent palpitations. ECG today shows sinus rhythm.'],
      },
      {
        dx: ['Z00.00'],
        weight: 3,
        visits: [
          { name: 'preventive-young', weight: 1, ages: [18, 39], lines: [{ code: '99395' }] },
          { name: 'preventive-mid', weight: 1, ages: [40, 64], lines: [{ code: '99396' }] },
          { name: 'preventive-senior', weight: 1, ages: [65, 120], lines: [{ code: '99397' }] },
        ],
        note: ['Annual preventive exam. No acute complaints. Age-appropriate screening discussed.'],
      },
    ],
  },
  {
    id: 'cardiology',
    name: 'Cardiology',
    taxonomy: '207RC0000X',
    share: 20,
    problems: [
      {
        dx: ['I25.10', 'E78.5'],
        weight: 4,
        visits: [em('99214', [{ code: '93000' }], 3, 'cad-ecg'), em('99213', [], 1)],
        note: ['Coronary artery disease, stable angina-free. ECG unchanged. Continue statin and aspirin.'],
      },
      {
        dx: ['I48.91'],
        weight: 3,
        visits: [em('99214', [{ code: '93000' }], 2, 'af-ecg'), em('99215', [], 1)],
        note: ['Atrial fibrillation, rate controlled. Anticoagulation reviewed.'],
      },
      {
        dx: ['R07.9'],
        weight: 2,
        visits: [
          {
            name: 'chest-pain-new',
            weight: 1,
            newPatient: true,
            lines: [{ code: '99204' }, { code: '93000' }],
          },
        ],
        note: ['New patient with chest pain on exertion. ECG obtained, stress test planned.'],
      },
      {
        dx: ['I50.9'],
        weight: 2,
        visits: [
          em('99215', [], 1),
          { name: 'hf-echo-facility', weight: 1, institutional: true, lines: [{ code: '93306' }] },
        ],
        note: ['Heart failure follow-up, mild edema. Diuretic adjusted. Echo for ejection fraction.'],
      },
      {
        dx: ['I34.0'],
        weight: 2,
        visits: [
          em('99214', [{ code: '93306' }], 1, 'mr-echo'),
          { name: 'mr-echo-facility', weight: 1, institutional: true, lines: [{ code: '93306' }] },
        ],
        note: [
          'Holosystolic murmur; echo shows MI with moderate mitral regurgitation, valve leaflets thickened.',
        ],
      },
      {
        dx: ['I10', 'E78.5'],
        weight: 2,
        visits: [
          em(
            '99213',
            [
              { code: '36415', pointers: [2] },
              { code: '80061', pointers: [2] },
            ],
            1,
            'htn-lipids',
          ),
        ],
        note: ['Hypertension and hyperlipidemia, lipid panel drawn.'],
      },
      {
        dx: ['I25.2', 'I10'],
        weight: 1,
        visits: [em('99214', [{ code: '93000' }], 1, 'old-mi-ecg')],
        note: ['h/o MI with stent placed 2019 after NSTEMI; no angina. ECG stable.'],
      },
      {
        dx: ['R00.2'],
        weight: 1,
        visits: [{ name: 'ecg-facility', weight: 1, institutional: true, lines: [{ code: '93005' }] }],
        note: ['Palpitations, ECG tracing in the outpatient department.'],
      },
    ],
  },
  {
    id: 'dermatology',
    name: 'Dermatology',
    taxonomy: '207N00000X',
    share: 15,
    problems: [
      {
        dx: ['L57.0'],
        weight: 4,
        visits: [
          { name: 'ak-destruction', weight: 2, lines: [{ code: '17000' }, { code: '17003', units: [1, 4] }] },
          {
            name: 'em-ak-destruction',
            weight: 2,
            lines: [{ code: '99213', modifiers: ['25'] }, { code: '17000' }],
          },
        ],
        note: ['Actinic keratoses on the scalp and forearms treated with cryotherapy.'],
      },
      {
        dx: ['B07.9'],
        weight: 2,
        visits: [{ name: 'wart-destruction', weight: 1, lines: [{ code: '17110' }] }],
        note: ['Common warts on the hands, cryotherapy performed.'],
      },
      {
        dx: ['D48.5'],
        weight: 2,
        visits: [
          { name: 'biopsy', weight: 1, lines: [{ code: '11102' }] },
          {
            name: 'new-biopsy',
            weight: 1,
            newPatient: true,
            lines: [{ code: '99203', modifiers: ['25'] }, { code: '11102' }],
          },
        ],
        note: ['Changing pigmented lesion of the back; tangential biopsy sent to pathology.'],
      },
      { dx: ['L70.0'], weight: 3, visits: [em('99213')], note: ['Acne vulgaris, topical retinoid started.'] },
      {
        dx: ['L40.0'],
        weight: 2,
        visits: [em('99214')],
        note: ['Plaque psoriasis, about 5% BSA. Topical steroid.'],
      },
      {
        dx: ['L30.9'],
        weight: 2,
        visits: [em('99212')],
        note: ['Dermatitis of the hands, emollients advised.'],
      },
    ],
  },
  {
    id: 'orthopedics',
    name: 'Orthopedics and physical therapy',
    taxonomy: '207X00000X',
    share: 25,
    problems: [
      {
        dx: ['M17.11'],
        side: 'RT',
        weight: 4,
        visits: [
          {
            name: 'knee-injection',
            weight: 2,
            lines: [
              { code: '99213', modifiers: ['25'] },
              { code: '20610', side: true },
              { code: 'J3301', units: [4, 4] },
            ],
          },
          em('99214', [{ code: '73562', side: true }], 1, 'knee-xray'),
          {
            name: 'pt-knee',
            weight: 2,
            lines: [
              { code: '97110', units: [2, 3] },
              { code: '97140', units: [1, 1] },
            ],
          },
        ],
        note: ['Right knee osteoarthritis with pain on stairs. Corticosteroid injection discussed.'],
      },
      {
        dx: ['M17.12'],
        side: 'LT',
        weight: 2,
        visits: [
          {
            name: 'knee-injection-left',
            weight: 1,
            lines: [
              { code: '20610', side: true },
              { code: 'J3301', units: [4, 4] },
            ],
          },
        ],
        note: ['Left knee osteoarthritis, injection performed under sterile technique.'],
      },
      {
        dx: ['M25.561'],
        side: 'RT',
        weight: 3,
        visits: [
          {
            name: 'knee-pain-new',
            weight: 2,
            newPatient: true,
            lines: [{ code: '99203' }, { code: '73562', side: true }],
          },
          { name: 'knee-mri', weight: 1, lines: [{ code: '73721', side: true }] },
        ],
        note: ['Right knee pain with locking episodes. Imaging ordered.'],
      },
      {
        dx: ['S83.511A'],
        side: 'RT',
        weight: 1,
        visits: [
          { name: 'acl-mri', weight: 2, lines: [{ code: '73721', side: true }] },
          {
            name: 'acl-mri-facility',
            weight: 1,
            institutional: true,
            lines: [{ code: '73721', side: true }],
          },
        ],
        note: ['Twisting injury of the right knee, positive Lachman. MRI to assess the ACL.'],
      },
      {
        dx: ['M54.50'],
        weight: 3,
        visits: [
          em('99213', [], 2),
          { name: 'lumbar-mri', weight: 1, lines: [{ code: '72148' }] },
          { name: 'pt-back-eval', weight: 1, lines: [{ code: '97161' }] },
          { name: 'pt-back', weight: 2, lines: [{ code: '97110', units: [2, 3] }] },
        ],
        note: ['Low back pain without radicular signs. Core strengthening program.'],
      },
      {
        dx: ['M75.101'],
        side: 'RT',
        weight: 2,
        visits: [em('99214', [{ code: '73030', side: true }], 1, 'shoulder-xray')],
        note: ['Right shoulder pain with weakness on abduction, rotator cuff tear suspected.'],
      },
      {
        dx: ['M19.011'],
        side: 'RT',
        weight: 1,
        visits: [
          {
            name: 'shoulder-injection',
            weight: 1,
            lines: [
              { code: '20610', side: true },
              { code: 'J3301', units: [4, 4] },
            ],
          },
        ],
        note: ['Right shoulder osteoarthritis, glenohumeral injection.'],
      },
    ],
  },
];

// -------------------------------------------------------------------------------------- providers

/** Luhn check digit over `80840` + the first nine digits (CMS NPI rule). */
export function npiCheckDigit(firstNine: string): number {
  const digits = `80840${firstNine}`;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidNpi(npi: string): boolean {
  return /^[12][0-9]{9}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** A random valid NPI (individuals start with 1, organizations with 1 or 2 in practice; we use 1). */
export function randomNpi(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const nine = `1${rng.digits(8)}`;
    const npi = `${nine}${npiCheckDigit(nine)}`;
    if (!taken.has(npi)) {
      taken.add(npi);
      return npi;
    }
  }
}

/** The same NPI with its check digit wrong (a typo the check digit catches). */
export function corruptNpi(npi: string): string {
  const last = (Number(npi[9]) + 1 + (Number(npi[8]) % 8)) % 10;
  return npi.slice(0, 9) + String(last);
}

export interface Address {
  line: string;
  city: string;
  state: string;
  zip: string;
}

export interface Location {
  id: string;
  name: string;
  placeOfService: string;
  address: Address;
}

export interface Provider {
  npi: string;
  lastName: string;
  firstName: string;
  specialty: SpecialtyId;
  taxonomy: string;
  locationId: string;
}

export interface Practice {
  name: string;
  npi: string;
  taxId: string;
  /** NUCC taxonomy of the billing group (multi-specialty group). */
  taxonomy: string;
  address: Address;
  facility: { name: string; npi: string; taxonomy: string; address: Address };
  locations: Location[];
  providers: Provider[];
  payers: readonly SimPayer[];
  specialties: readonly Specialty[];
}

export interface PracticeConfig {
  name?: string;
  locations?: number;
  providersPerSpecialty?: number;
  specialties?: readonly SpecialtyId[];
}

const PROVIDER_LAST = [
  'ASHGROVE',
  'BELLWEATHER',
  'CALDERWOOD',
  'DUNMORROW',
  'ELMSTEAD',
  'FERNHOLT',
  'GLADSTOW',
  'HARROWBY',
  'IVERSHAM',
  'JUNIPERO',
  'KESTREL',
  'LARKSPUR',
  'MOSSGROVE',
  'NETHERTON',
  'OAKRIDGE',
  'PENWARDEN',
];
const PROVIDER_FIRST = [
  'AVERY',
  'BLAKE',
  'CAMERON',
  'DANA',
  'EMERSON',
  'FINLEY',
  'HARPER',
  'JORDAN',
  'MORGAN',
  'QUINN',
];
const CITIES = ['SAMPLEVILLE', 'TESTBURG', 'MOCKTON', 'FICTIONAL FALLS'];

export function generatePractice(rng: Rng, config: PracticeConfig = {}): Practice {
  const taken = new Set<string>();
  const specialties = SPECIALTIES.filter((s) => !config.specialties || config.specialties.includes(s.id));
  const locationCount = Math.max(1, config.locations ?? 3);
  const locations: Location[] = [];
  for (let i = 0; i < locationCount; i++) {
    locations.push({
      id: `LOC${i + 1}`,
      name: `${['MAIN', 'NORTH', 'EAST', 'WEST', 'SOUTH'][i % 5]} CAMPUS${i >= 5 ? ` ${i + 1}` : ''}`,
      placeOfService: '11',
      address: {
        line: `${100 + i * 20} SIMULATION WAY`,
        city: CITIES[i % CITIES.length]!,
        state: 'PA',
        zip: `99999${String(i + 1).padStart(4, '0')}`,
      },
    });
  }
  const providers: Provider[] = [];
  const perSpecialty = Math.max(1, config.providersPerSpecialty ?? 3);
  let n = 0;
  for (const s of specialties) {
    for (let i = 0; i < perSpecialty; i++, n++) {
      const pt = s.id === 'orthopedics' && i === perSpecialty - 1 && perSpecialty > 1;
      providers.push({
        npi: randomNpi(rng, taken),
        lastName: PROVIDER_LAST[n % PROVIDER_LAST.length]! + (n >= PROVIDER_LAST.length ? String(n) : ''),
        firstName: rng.pick(PROVIDER_FIRST),
        specialty: s.id,
        // The last orthopedics provider is the physical therapist (NUCC 225100000X).
        taxonomy: pt ? '225100000X' : s.taxonomy,
        locationId: locations[n % locations.length]!.id,
      });
    }
  }
  return {
    name: config.name ?? 'CLAIMGUARD SIMULATED MEDICAL GROUP',
    npi: randomNpi(rng, taken),
    taxId: `99${rng.digits(7)}`,
    taxonomy: '193200000X',
    address: locations[0]!.address,
    facility: {
      name: 'SIMULATED COMMUNITY HOSPITAL OUTPATIENT DEPT',
      npi: randomNpi(rng, taken),
      taxonomy: '282N00000X',
      address: { line: '1 HOSPITAL DRIVE', city: 'SAMPLEVILLE', state: 'PA', zip: '999990100' },
    },
    locations,
    providers,
    payers: PAYERS,
    specialties,
  };
}
