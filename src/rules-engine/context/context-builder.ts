/**
 * Builds the ClaimContext of each claim of an analysis session: the claims analysed together (an
 * 837 file offline, a batch in the service, one embedded rule test) plus the input records, payer
 * profiles, code sets, reference tables and lexicon. Everything is indexed once in the constructor;
 * `contextFor` is then a few Map lookups (patient matching is cached per distinct claim identity).
 *
 * - Patient linking: the claim's patient is the subscriber's member id with the patient's name and
 *   date of birth (the subscriber's when the patient is the subscriber), as the service links claims
 *   (`src/inputs/claim-patient-linker.ts`). Records of one person are grouped and matched with the
 *   real PatientIndex; a link fans out to every record of the person.
 * - Replacements and voids: claims with the same payer id and CLM01 form a group; in the order given,
 *   a frequency 7 claim replaces every earlier claim of its group, a frequency 8 claim voids them and
 *   is itself void. A claim whose status is `replaced` or `voided` (the service's) is inactive too.
 * - History: the active claims of the same payer and normalized member id that come before the claim
 *   by (first date of service, id).
 * - Authorization units used elsewhere: units on the active claims of other groups that quote the
 *   same authorization number (line REF G1, else claim REF G1) for the same code.
 * - Sources: eligibility, authorizations and contracts are loaded for a claim when at least one record
 *   of that kind is for the claim's payer; documentation (no payer id) when any record exists.
 */
import { join, resolve } from 'node:path';
import { loadCodeSets } from '../../code-sets/code-set-loader.js';
import { packageRoot } from '../../code-sets/code-set-paths.js';
import type { CodeSetRegistry } from '../../code-sets/code-set-registry.js';
import type {
  AuthorizationRecord,
  ContractRateRecord,
  DocumentationRecord,
  EligibilityRecord,
  InputRecords,
} from '../../inputs/input-records.js';
import { loadAbbreviationLexicon } from '../../lexicon/abbreviation-lexicon.js';
import { AbbreviationMatcher } from '../../lexicon/abbreviation-matcher.js';
import {
  normalizeMemberId,
  normalizeName,
  normalizePayerId,
} from '../../patient-matching/identity-normalization.js';
import {
  type DuplicateGroup,
  type IdentityProblem,
  PatientIndex,
  type PatientIdentity,
} from '../../patient-matching/patient-matcher.js';
import type { Claim } from '../../x12/models/claim.js';
import {
  DATA_SOURCES,
  type ClaimContext,
  type DataSource,
  type HistoryClaim,
  type Linked,
  type ReferenceTables,
} from '../claim-context.js';
import { loadPayerProfiles, type PayerProfiles } from './payer-profiles.js';
import { loadReferenceTables } from './reference-tables.js';

/** One claim of a session. */
export interface SessionClaim {
  /** Database id, or CLM01 offline; unique in the session. */
  id: string;
  claim: Claim;
  /** The service's claim status; `replaced` and `voided` make the claim inactive. */
  status?: string;
}

export interface AnalysisSessionInput {
  claims: readonly SessionClaim[];
  records: InputRecords;
  payers: PayerProfiles;
  codeSets: CodeSetRegistry;
  tables: ReferenceTables;
  lexicon: AbbreviationMatcher;
  /** The filing date every claim is judged at; default each claim's BHT04 creation date, else its last date of service. */
  asOf?: string;
  /** Forces sources loaded or not for every claim (embedded tests); default from the records. */
  sources?: Partial<Record<DataSource, boolean>>;
}

/** Normalizes an authorization number: upper case, no whitespace. */
export function normalizeAuthNumber(raw: string | null | undefined): string {
  return raw ? raw.toUpperCase().replace(/\s+/g, '') : '';
}

/** The claim's patient as matching reads it: subscriber member id, patient's name and date of birth. */
export function claimPatientIdentity(claim: Claim): PatientIdentity {
  const p = claim.patient;
  const s = claim.subscriber;
  return {
    memberId: s.memberId,
    lastName: p ? p.lastName : s.lastName,
    firstName: p ? p.firstName : s.firstName,
    dob: p ? p.birthDate : s.birthDate,
    payerId: claim.payer.id,
  };
}

type IdentitySource = 'eligibility' | 'documentation' | 'authorizations';

interface MatchResult<R> {
  linked: Linked<R>[];
  /** Person refs linked (for duplicate-record problems). */
  refs: number[];
  problems: IdentityProblem[];
}

/** One source's records grouped by person and indexed for matching, with a per-identity cache. */
/** What a SourceIndex builds from its records: the same for every session over the same records. */
interface SourceCore<R> {
  persons: R[][];
  identities: PatientIdentity[];
  index: PatientIndex<number> | null;
}

/**
 * Built cores by record kind and record array. A caller evaluating many chunks of claims against the
 * same records (FindingsService reads them once) builds the patient index once instead of per chunk:
 * at a million claims that was 0.3–0.4 s of synchronous work per chunk.
 */
const cores = new Map<string, WeakMap<readonly unknown[], SourceCore<unknown>>>();

function sourceCore<R>(
  kind: string,
  records: readonly R[],
  identity: (r: R) => PatientIdentity,
): SourceCore<R> {
  let byRecords = cores.get(kind);
  if (!byRecords) cores.set(kind, (byRecords = new WeakMap()));
  const built = byRecords.get(records);
  if (built) return built as SourceCore<R>;
  const persons: R[][] = [];
  const identities: PatientIdentity[] = [];
  const byKey = new Map<string, number>();
  for (const r of records) {
    const id = identity(r);
    const key = [
      normalizePayerId(id.payerId),
      normalizeMemberId(id.memberId),
      normalizeName(id.lastName),
      normalizeName(id.firstName),
      id.dob ?? '',
    ].join('\u0000');
    const ref = byKey.get(key);
    if (ref === undefined) {
      byKey.set(key, persons.length);
      persons.push([r]);
      identities.push(id);
    } else persons[ref]!.push(r);
  }
  const core: SourceCore<R> = {
    persons,
    identities,
    index: persons.length > 0 ? new PatientIndex(identities.map((id, ref) => ({ ...id, ref }))) : null,
  };
  byRecords.set(records, core as SourceCore<unknown>);
  return core;
}

/** Records of one kind matched to claims' patients, with the session's own cache of matches. */
class SourceIndex<R> {
  private readonly persons: R[][];
  private readonly identities: PatientIdentity[];
  readonly index: PatientIndex<number> | null;
  private readonly cache = new Map<string, MatchResult<R>>();

  constructor(kind: string, records: readonly R[], identity: (r: R) => PatientIdentity) {
    const core = sourceCore(kind, records, identity);
    this.persons = core.persons;
    this.identities = core.identities;
    this.index = core.index;
  }

  personIdentity(ref: number): PatientIdentity {
    return this.identities[ref]!;
  }

  match(patient: PatientIdentity, cacheKey: string): MatchResult<R> {
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    let result: MatchResult<R>;
    if (this.index === null) result = { linked: [], refs: [], problems: [] };
    else {
      const outcome = this.index.match(patient);
      const linked: Linked<R>[] = [];
      for (const l of outcome.links) {
        for (const record of this.persons[l.ref]!) {
          linked.push({
            record,
            method: l.method,
            score: l.score,
            confidence: l.confidence,
            problems: l.problems,
          });
        }
      }
      const problems = outcome.problems.map(({ refs, ...p }) => {
        const problem: IdentityProblem = { ...p };
        if (refs) problem.refs = refs.map((ref) => this.personSummary(ref));
        return problem;
      });
      result = { linked, refs: outcome.links.map((l) => l.ref), problems };
    }
    this.cache.set(cacheKey, result);
    return result;
  }

  /** A person's identity for problem refs (plain JSON). */
  personSummary(ref: number): Record<string, string> {
    const id = this.identities[ref]!;
    return {
      memberId: id.memberId,
      lastName: id.lastName,
      firstName: id.firstName,
      dob: id.dob ?? '',
      payerId: id.payerId ?? '',
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface ClaimEntry {
  index: number;
  id: string;
  claim: Claim;
  groupKey: string;
  memberKey: string;
  firstDate: string;
  active: boolean;
}

/** Units billed against one authorization number and code: in total, and per claim group. */
interface UnitUses {
  total: number;
  byGroup: Map<string, number>;
}

const EMPTY: readonly never[] = Object.freeze([]);

function compareByDateThenId(a: ClaimEntry, b: { firstDate: string; id: string }): number {
  if (a.firstDate !== b.firstDate) return a.firstDate < b.firstDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The claims of one analysis with every record indexed once; contexts are cheap. */
export class AnalysisSession implements Iterable<ClaimContext> {
  private readonly entries: ClaimEntry[] = [];
  private readonly byId = new Map<string, ClaimEntry>();
  private readonly eligibility: SourceIndex<EligibilityRecord>;
  private readonly documentation: SourceIndex<DocumentationRecord>;
  private readonly authorizations: SourceIndex<AuthorizationRecord>;
  private readonly duplicatesByRef = new Map<number, DuplicateGroup<number>[]>();
  private readonly duplicatesByMemberId = new Map<string, DuplicateGroup<number>[]>();
  private readonly authByNumber = new Map<string, AuthorizationRecord[]>();
  private readonly unitUses = new Map<string, UnitUses>();
  private readonly contracts = new Map<string, ContractRateRecord[]>();
  private readonly historyByMember = new Map<string, ClaimEntry[]>();
  private readonly payersWith: Record<'eligibility' | 'authorizations' | 'contracts', Set<string>>;
  private readonly hasDocumentation: boolean;

  constructor(private readonly input: AnalysisSessionInput) {
    const { records } = input;
    // Claims, groups (CLM01 + payer), replacements and voids.
    const groups = new Map<string, ClaimEntry[]>();
    input.claims.forEach((c, index) => {
      if (this.byId.has(c.id)) throw new Error(`claim id ${c.id} appears twice in the session`);
      const payer = normalizePayerId(c.claim.payer.id);
      const entry: ClaimEntry = {
        index,
        id: c.id,
        claim: c.claim,
        groupKey: `${payer}\u0000${c.claim.patientControlNumber.trim()}`,
        memberKey: `${payer}\u0000${normalizeMemberId(c.claim.subscriber.memberId)}`,
        firstDate: c.claim.serviceDateFrom ?? '',
        active: c.status !== 'replaced' && c.status !== 'voided' && c.claim.frequencyCode !== '8',
      };
      this.entries.push(entry);
      this.byId.set(c.id, entry);
      push(groups, entry.groupKey, entry);
    });
    for (const group of groups.values()) {
      for (let i = 1; i < group.length; i++) {
        const f = group[i]!.claim.frequencyCode;
        if (f === '7' || f === '8') for (let k = 0; k < i; k++) group[k]!.active = false;
      }
    }
    // Authorization units billed, and history, over active claims.
    for (const entry of this.entries) {
      if (!entry.active) continue;
      push(this.historyByMember, entry.memberKey, entry);
      const claimAuth = normalizeAuthNumber(entry.claim.priorAuthorization);
      for (const line of entry.claim.lines) {
        const auth = normalizeAuthNumber(line.priorAuthorization) || claimAuth;
        const code = line.procedure?.code.trim().toUpperCase() ?? '';
        if (auth === '' || code === '') continue;
        const key = `${auth}\u0000${code}`;
        let uses = this.unitUses.get(key);
        if (!uses) this.unitUses.set(key, (uses = { total: 0, byGroup: new Map() }));
        const units = line.units ?? 1;
        uses.total += units;
        uses.byGroup.set(entry.groupKey, (uses.byGroup.get(entry.groupKey) ?? 0) + units);
      }
    }
    for (const list of this.historyByMember.values()) list.sort(compareByDateThenId);

    // Records.
    this.eligibility = new SourceIndex('eligibility', records.eligibility, (r) => ({
      memberId: r.memberId,
      lastName: r.lastName,
      firstName: r.firstName,
      dob: r.dob,
      payerId: r.payerId,
    }));
    this.documentation = new SourceIndex('documentation', records.documentation, (r) => ({
      memberId: r.memberId,
      lastName: r.patientLastName,
      firstName: r.patientFirstName,
      dob: r.patientDob,
      payerId: null,
    }));
    this.authorizations = new SourceIndex('authorizations', records.authorizations, (r) => ({
      memberId: r.memberId,
      lastName: r.patientLastName,
      firstName: r.patientFirstName,
      dob: r.patientDob,
      payerId: r.payerId,
    }));
    for (const group of this.eligibility.index?.duplicates() ?? []) {
      for (const ref of group.refs) push(this.duplicatesByRef, ref, group);
      for (const m of group.memberIds) push(this.duplicatesByMemberId, m, group);
    }
    for (const a of records.authorizations) push(this.authByNumber, normalizeAuthNumber(a.authNumber), a);
    for (const c of records.contracts)
      push(this.contracts, `${normalizePayerId(c.payerId)}\u0000${c.procedureCode.trim().toUpperCase()}`, c);
    const payersOf = (list: readonly { payerId: string }[]) =>
      new Set(list.map((r) => normalizePayerId(r.payerId)));
    this.payersWith = {
      eligibility: payersOf(records.eligibility),
      authorizations: payersOf(records.authorizations),
      contracts: payersOf(records.contracts),
    };
    this.hasDocumentation = records.documentation.length > 0;
  }

  /** Number of claims. */
  get size(): number {
    return this.entries.length;
  }

  /** The claim ids, in the order given. */
  get claimIds(): string[] {
    return this.entries.map((e) => e.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** False when the claim was replaced or voided (in the session, by its frequency code or status). */
  isActive(id: string): boolean {
    return this.entry(id).active;
  }

  private entry(id: string): ClaimEntry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`no claim ${id} in the analysis session`);
    return entry;
  }

  /** The context of one claim. */
  contextFor(id: string): ClaimContext {
    return this.build(this.entry(id));
  }

  /** Every claim's context, in the order given (built one at a time). */
  *contexts(): IterableIterator<ClaimContext> {
    for (const entry of this.entries) yield this.build(entry);
  }

  [Symbol.iterator](): Iterator<ClaimContext> {
    return this.contexts();
  }

  private build(entry: ClaimEntry): ClaimContext {
    const { claim } = entry;
    const input = this.input;
    const patient = claimPatientIdentity(claim);
    const key = [
      patient.memberId,
      patient.lastName,
      patient.firstName,
      patient.dob ?? '',
      patient.payerId ?? '',
    ].join('\u0000');
    const eligibility = this.eligibility.match(patient, key);
    const documentation = this.documentation.match(patient, key);
    const authorizations = this.authorizations.match(patient, key);
    const identityProblems: { source: IdentitySource; problem: IdentityProblem }[] = [];
    const sourceResults: [IdentitySource, MatchResult<unknown>][] = [
      ['eligibility', eligibility],
      ['documentation', documentation],
      ['authorizations', authorizations],
    ];
    for (const [source, result] of sourceResults)
      for (const problem of result.problems) identityProblems.push({ source, problem });

    const payerId = normalizePayerId(claim.payer.id);
    const loaded: Record<DataSource, boolean> = {
      eligibility: this.payersWith.eligibility.has(payerId),
      authorizations: this.payersWith.authorizations.has(payerId),
      contracts: this.payersWith.contracts.has(payerId),
      documentation: this.hasDocumentation,
    };
    for (const source of DATA_SOURCES) {
      const forced = input.sources?.[source];
      if (typeof forced === 'boolean') loaded[source] = forced;
    }
    const unitUses = this.unitUses;
    const authByNumber = this.authByNumber;
    const contracts = this.contracts;
    return {
      claim,
      claimId: entry.id,
      asOf:
        input.asOf ?? claim.transaction.creationDate ?? claim.serviceDateTo ?? claim.serviceDateFrom ?? '',
      payer: input.payers.forPayer(claim.payer.id),
      codeSets: input.codeSets,
      tables: input.tables,
      lexicon: input.lexicon,
      coverage: eligibility.linked,
      documentation: documentation.linked,
      authorizations: authorizations.linked,
      identityProblems,
      duplicateRecords: this.duplicateProblems(
        eligibility.refs,
        normalizeMemberId(claim.subscriber.memberId),
      ),
      authorizationsByNumber: (authNumber) => authByNumber.get(normalizeAuthNumber(authNumber)) ?? EMPTY,
      authorizationUnitsUsedElsewhere: (authNumber, procedureCode) => {
        const uses = unitUses.get(
          `${normalizeAuthNumber(authNumber)}\u0000${procedureCode.trim().toUpperCase()}`,
        );
        return uses ? uses.total - (uses.byGroup.get(entry.groupKey) ?? 0) : 0;
      },
      contractRates: (procedureCode) =>
        contracts.get(`${payerId}\u0000${procedureCode.trim().toUpperCase()}`) ?? EMPTY,
      history: this.history(entry),
      concurrentClaims: this.concurrent(entry),
      sources: Object.freeze(loaded),
    };
  }

  private history(entry: ClaimEntry): HistoryClaim[] {
    const list = this.historyByMember.get(entry.memberKey);
    if (!list) return [];
    // First position not before the claim by (first date, id).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareByDateThenId(list[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: HistoryClaim[] = [];
    for (let i = 0; i < lo; i++) out.push({ id: list[i]!.id, claim: list[i]!.claim });
    return out;
  }

  /** Active claims of the same patient after this one (by first date, id) that start within its dates. */
  private concurrent(entry: ClaimEntry): HistoryClaim[] {
    const list = this.historyByMember.get(entry.memberKey);
    if (!list) return [];
    const last = entry.claim.serviceDateTo ?? entry.firstDate;
    const out: HistoryClaim[] = [];
    for (const other of list) {
      if (other === entry || compareByDateThenId(other, entry) <= 0) continue;
      if (other.firstDate > last) break;
      out.push({ id: other.id, claim: other.claim });
    }
    return out;
  }

  private duplicateProblems(refs: readonly number[], memberId: string): IdentityProblem[] {
    if (this.duplicatesByRef.size === 0) return [];
    const groups = new Set<DuplicateGroup<number>>();
    for (const ref of refs) for (const g of this.duplicatesByRef.get(ref) ?? []) groups.add(g);
    if (memberId !== '') for (const g of this.duplicatesByMemberId.get(memberId) ?? []) groups.add(g);
    return [...groups].map((g) => ({
      kind: g.kind,
      reason: g.reason,
      detail: { ...(g.detail ?? {}), memberIds: g.memberIds.join(', ') },
      refs: g.refs.map((ref) => this.eligibility.personSummary(ref)),
    }));
  }
}

/** What every rule evaluation shares: loaded once per process. */
export interface RuleEnvironment {
  payers: PayerProfiles;
  tables: ReferenceTables;
  codeSets: CodeSetRegistry;
  lexicon: AbbreviationMatcher;
}

export interface LoadRuleEnvironmentOptions {
  /** Operator-imported reference tables (see loadReferenceTables); null: shipped samples only. */
  operatorTablesDir?: string | null;
  /** Customer-licensed code lists (see loadCodeSets); default none. */
  licensedDir?: string;
  /** The abbreviation lexicon; default `<rulesDir>/lexicon/abbreviations.yaml`. */
  lexiconPath?: string;
}

/** The package's `rules` directory. */
export const DEFAULT_RULES_DIR = resolve(packageRoot, 'rules');

/** Loads payer profiles, reference tables, code sets and the lexicon from a rules directory. */
export function loadRuleEnvironment(
  rulesDir: string = DEFAULT_RULES_DIR,
  options: LoadRuleEnvironmentOptions = {},
): RuleEnvironment {
  const tablesDir = join(rulesDir, 'tables');
  return {
    payers: loadPayerProfiles(join(rulesDir, 'payers')),
    tables: loadReferenceTables(
      tablesDir,
      options.operatorTablesDir === undefined ? {} : { operatorDir: options.operatorTablesDir },
    ),
    codeSets: loadCodeSets(
      tablesDir,
      options.licensedDir === undefined ? {} : { licensedDir: options.licensedDir },
    ),
    lexicon: new AbbreviationMatcher(
      loadAbbreviationLexicon(options.lexiconPath ?? join(rulesDir, 'lexicon', 'abbreviations.yaml')),
    ),
  };
}
