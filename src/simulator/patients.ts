/**
 * Synthetic patients: names from invented word lists (no real person's name: surnames are made-up
 * compounds; first names are common given names so nickname matching is exercised), dates of
 * birth, coverage spans with the practice's payers, and the identity noise registration desks make
 * (nicknames, misspelt names, transposed date-of-birth digits, member-id slips, duplicate records).
 */
import { addDays, ageOn, isRealDate } from './dates.js';
import { memberIdFor, type SimPayer } from './practice.js';
import type { Rng } from './rng.js';

export const SURNAMES: readonly string[] = [
  'ALDERWICK',
  'BRAMBLECOTE',
  'CINDERHOLM',
  'DAWNTHORPE',
  'EMBERFIELD',
  'FALLOWMERE',
  'GORSEBURY',
  'HAZELBROOK',
  'INKWELLER',
  'JASPERTON',
  'KINGSFOLD',
  'LANTERNBY',
  'MARBLEWICK',
  'NETTLESHAW',
  'OSPREYDALE',
  'PEBBLECROFT',
  'QUILLFEATHER',
  'RAVENSMOOR',
  'SALTMARSHE',
  'THISTLEDOWN',
  'UMBERLEIGH',
  'VELLACOMBE',
  'WILLOWMERE',
  'YARROWFIELD',
  'ZEPHYRTON',
  'ASHBOURNLEY',
  'BRIARWOODS',
  'COPPERVALE',
  'DRIFTWELL',
  'ELDERSHAW',
  'FROSTHOLME',
  'GLIMMERDALE',
  'HOLLOWAYNE',
  'IRONBRIDGER',
  'JUNCTIONER',
  'KETTLEWORTH',
  'LINDENHOLT',
  'MOORCASTLE',
  'NORTHWICKE',
  'ORCHARDLY',
  'PARSLEYWOOD',
  'QUARRYMORE',
  'RUSHFORTH',
  'SILVERTHWAITE',
  'TIMBERLANE',
  'UPPERCROSS',
  'VANTAGEWOOD',
  'WESTERGATE',
  'YEWBARROW',
  'BLUEFENWICK',
  'CRESTHAVEN',
  'DOVERIDGE',
  'FENNIMORE',
  'GRANITEBY',
  'HEATHERBY',
  'LOCKSWORTH',
  'MEADOWLARK',
  'PINECASTLE',
  'ROOKWOOD',
  'STONECHAT',
  'TANSYHOLM',
  'WRENFIELD',
  'BIRCHENALL',
  'CLOVERDALE',
  'DUSKWATER',
  'FAIRWEATHERLY',
  'GOLDTHWAITE',
  'HAWTHORNLEY',
  'KESTERTON',
  'MAPLEHURST',
];

/** Given names; those with a nickname in the matcher's table carry it (used for nickname noise). */
export const FEMALE_NAMES: readonly (readonly [string, string | null])[] = [
  ['ELIZABETH', 'BETH'],
  ['MARGARET', 'PEGGY'],
  ['PATRICIA', 'PATTY'],
  ['JENNIFER', 'JENNY'],
  ['KATHERINE', 'KATE'],
  ['SUSAN', 'SUE'],
  ['REBECCA', 'BECKY'],
  ['DOROTHY', 'DOT'],
  ['LINDA', null],
  ['MARIA', null],
  ['SANDRA', 'SANDY'],
  ['DEBORAH', 'DEBBIE'],
  ['BARBARA', 'BARB'],
  ['CHRISTINE', 'CHRIS'],
  ['VICTORIA', 'VICKY'],
  ['ANGELA', null],
  ['NATALIE', null],
  ['GABRIELA', null],
  ['YOLANDA', null],
  ['PRIYA', null],
];
export const MALE_NAMES: readonly (readonly [string, string | null])[] = [
  ['WILLIAM', 'BILL'],
  ['ROBERT', 'BOB'],
  ['JAMES', 'JIM'],
  ['JOSEPH', 'JOE'],
  ['RICHARD', 'RICK'],
  ['THOMAS', 'TOM'],
  ['MICHAEL', 'MIKE'],
  ['DANIEL', 'DAN'],
  ['ANTHONY', 'TONY'],
  ['CHARLES', 'CHUCK'],
  ['EDWARD', 'TED'],
  ['STEVEN', 'STEVE'],
  ['GREGORY', 'GREG'],
  ['ANDREW', 'ANDY'],
  ['DAVID', null],
  ['CARLOS', null],
  ['HAROLD', 'HAL'],
  ['KEVIN', null],
  ['RAYMOND', 'RAY'],
  ['SAMUEL', 'SAM'],
];

export interface Coverage {
  payerId: string;
  memberId: string;
  planName: string;
  start: string;
  end: string | null;
}

export interface Identity {
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string;
  sex: 'F' | 'M';
}

export interface SimPatient {
  /** Stable key: P000123. */
  key: string;
  lastName: string;
  firstName: string;
  nickname: string | null;
  dob: string;
  sex: 'F' | 'M';
  address: { line: string; city: string; state: string; zip: string };
  /** Coverage spans as the payers have them (the roster), by start. */
  coverages: Coverage[];
}

export class MemberIds {
  private readonly taken = new Set<string>();
  next(payer: SimPayer, rng: Rng): string {
    for (;;) {
      const id = memberIdFor(payer, rng);
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}

/** A date of birth for an adult of age `[minAge, maxAge]` on `asOf`. */
function birthDate(rng: Rng, asOf: string, minAge: number, maxAge: number): string {
  const age = rng.int(minAge, maxAge);
  return addDays(asOf, -(age * 365 + rng.int(0, 364)));
}

export interface NewPatientOptions {
  key: string;
  /** The payer of the first coverage span. */
  payer: SimPayer;
  /** A date the patient is covered on (coverage starts long before). */
  coveredOn: string;
  memberIds: MemberIds;
  /** Force a first name with a nickname (for nickname noise). */
  needsNickname?: boolean;
}

/** A patient with one open coverage span with `payer` that covers `coveredOn` (and ~2 years before). */
export function newPatient(rng: Rng, o: NewPatientOptions): SimPatient {
  const sex = rng.chance(0.54) ? 'F' : 'M';
  const names = (sex === 'F' ? FEMALE_NAMES : MALE_NAMES).filter(
    ([, nick]) => !o.needsNickname || nick !== null,
  );
  const [firstName, nickname] = rng.pick(names);
  const medicare = o.payer.kind === 'medicare' || o.payer.kind === 'medicare-advantage';
  const dob = medicare ? birthDate(rng, o.coveredOn, 66, 92) : birthDate(rng, o.coveredOn, 19, 63);
  const start = addDays(o.coveredOn, -rng.int(800, 3000));
  return {
    key: o.key,
    lastName: rng.pick(SURNAMES),
    firstName,
    nickname,
    dob,
    sex,
    address: {
      line: `${rng.int(1, 999)} ${rng.pick(['FAKE', 'SAMPLE', 'PRETEND', 'MOCK'])} ${rng.pick(['LANE', 'STREET', 'ROAD', 'COURT'])}`,
      city: rng.pick(['SAMPLEVILLE', 'TESTBURG', 'MOCKTON']),
      state: 'PA',
      zip: `99999${rng.digits(4)}`,
    },
    coverages: [
      {
        payerId: o.payer.id,
        memberId: o.memberIds.next(o.payer, rng),
        planName: rng.pick(o.payer.planNames),
        start,
        end: null,
      },
    ],
  };
}

/** The span covering `date`, if any. */
export function coverageOn(p: SimPatient, date: string): Coverage | null {
  for (const c of p.coverages) if (date >= c.start && (c.end === null || date <= c.end)) return c;
  return null;
}

/**
 * A plan change: the open span ends the day before `on` and a span with `payer` starts on `on`
 * (changes at the start of a year are the common case).
 */
export function switchPayer(p: SimPatient, payer: SimPayer, on: string, rng: Rng, ids: MemberIds): void {
  const open = p.coverages.find((c) => c.end === null);
  if (open) open.end = addDays(on, -1);
  p.coverages.push({
    payerId: payer.id,
    memberId: ids.next(payer, rng),
    planName: rng.pick(payer.planNames),
    start: on,
    end: null,
  });
}

export function identityOn(p: SimPatient, c: Coverage): Identity {
  return { memberId: c.memberId, lastName: p.lastName, firstName: p.firstName, dob: p.dob, sex: p.sex };
}

export function age(p: SimPatient, date: string): number {
  return ageOn(p.dob, date);
}

// ------------------------------------------------------------------------------------ identity noise

/** One letter of a long surname replaced by a neighbouring-key-like letter (Jaro-Winkler stays ≥ 0.9). */
export function misspell(name: string, rng: Rng): string {
  const swaps: Record<string, string> = {
    A: 'E',
    E: 'A',
    I: 'Y',
    O: 'U',
    U: 'O',
    Y: 'I',
    N: 'M',
    M: 'N',
    L: 'LL',
    T: 'TT',
  };
  const positions: number[] = [];
  for (let i = 3; i < name.length - 1; i++) if (swaps[name[i]!] !== undefined) positions.push(i);
  if (positions.length === 0) return `${name}E`;
  const i = rng.pick(positions);
  return name.slice(0, i) + swaps[name[i]!]! + name.slice(i + 1);
}

/**
 * The date of birth with two neighbouring digits of the day or month swapped, still a real date and
 * different from the original; null when no such swap exists (then the caller tries another patient).
 */
export function transposeDob(dob: string): string | null {
  const day = dob.slice(8, 10);
  const month = dob.slice(5, 7);
  const candidates = [
    `${dob.slice(0, 8)}${day[1]}${day[0]}`,
    `${dob.slice(0, 5)}${month[1]}${month[0]}${dob.slice(7)}`,
    // Year: swap the last two digits (1958 → 1985), a common keying slip.
    `${dob.slice(0, 2)}${dob[3]}${dob[2]}${dob.slice(4)}`,
  ];
  for (const c of candidates) if (c !== dob && isRealDate(c)) return c;
  return null;
}

/** A one-character slip in a member id that keeps the payer's format (a digit for a digit). */
export function memberIdTypo(id: string, rng: Rng): string {
  const digitPositions: number[] = [];
  for (let i = 2; i < id.length; i++) if (/[0-9]/.test(id[i]!)) digitPositions.push(i);
  // Transpose two neighbouring different digits when possible, else substitute one digit.
  const pairs = digitPositions.filter((i) => digitPositions.includes(i + 1) && id[i] !== id[i + 1]);
  if (pairs.length > 0 && rng.chance(0.5)) {
    const i = rng.pick(pairs);
    return id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
  }
  const i = rng.pick(digitPositions);
  const d = (Number(id[i]) + rng.int(1, 9)) % 10;
  return id.slice(0, i) + String(d) + id.slice(i + 1);
}

/** The member id as a card prints it for reading (dashes), which the payer's format does not allow. */
export function memberIdFormatted(id: string): string {
  if (id.length <= 6) return `${id}-`;
  return `${id.slice(0, 3)}-${id.slice(3, 7)}-${id.slice(7)}`;
}
