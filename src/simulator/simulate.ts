/**
 * `simulate(options)`: writes months of a synthetic practice's history to a folder, month by month
 * (only one month's claims are in memory at a time). Same options and seed → byte-identical files.
 *
 * Layout of `out`:
 *   manifest.json                   options, generator version, every file written, counts
 *   practice.json                   the practice: locations, providers (NPI, taxonomy), payers and profiles
 *   rules-payers/<id>.yaml          payer profiles (rules/payers format) of the payers the pack lacks
 *   eligibility.csv                 the payers' roster (coverage spans) for the whole history
 *   contracts.csv                   each payer's fee schedule
 *   months/YYYY-MM/837p-NNN.x12     professional claims, at most maxClaimsPerFile per file
 *   months/YYYY-MM/837i-NNN.x12     institutional claims (hospital outpatient department)
 *   months/YYYY-MM/documentation.csv    notes (most of them)
 *   months/YYYY-MM/documentation-fhir.json  the other notes, as a FHIR R4 collection bundle
 *   months/YYYY-MM/authorizations.csv   prior authorizations
 *   months/YYYY-MM/835-<payer>-NNN.x12  remittances of the payers' weekly payment runs dated in that
 *                                   month (2–6 weeks after the 837s were sent, so a month's claims
 *                                   are paid in the next months' folders; the last ones land in
 *                                   folders after the simulated months)
 *   truth.json                      {"seed", "claims": [per claim: CLM01, file, injected defects …], "summary"}
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  adjudicate,
  adjudicationRates,
  providerAdjustments,
  type AdjudicationOutcome,
  type AdjudicationRates,
  type RemitEvent,
  type TruthAdjudication,
} from './adjudication.js';
import { addDays, addMonths, daysInMonth } from './dates.js';
import { DEFECTS, defectRates, defectSpec, type DefectKind } from './defects.js';
import { MonthBuilder, rosterRow, type SimState } from './encounters.js';
import {
  AUTHORIZATION_COLUMNS,
  authorizationRow,
  CONTRACT_COLUMNS,
  CsvFile,
  DOCUMENTATION_COLUMNS,
  documentationRow,
  dollars,
  ELIGIBILITY_COLUMNS,
  eligibilityRow,
  FhirBundleFile,
} from './inputs-writer.js';
import { FileSink } from './file-sink.js';
import {
  generatePractice,
  PROCEDURES,
  type Practice,
  type PracticeConfig,
  type SimPayer,
} from './practice.js';
import { MemberIds, newPatient, switchPayer } from './patients.js';
import { Rng } from './rng.js';
import { X12ClaimFile } from './x12-writer.js';
import { runTotal, writeRemittance, type RemitRun } from './x12-835-writer.js';

/** Bumped whenever the output for given options changes. */
export const SIMULATOR_VERSION = 1;

export interface SimulateOptions {
  out: string;
  seed: string | number;
  months: number;
  claimsPerMonth: number;
  /** First month of service, YYYY-MM (default 2026-01). */
  start?: string;
  /** Per-kind rate overrides (shares of all claims). */
  defectRates?: Partial<Record<DefectKind, number>>;
  /** Multiplies every rate (after overrides); 0 gives clean claims only. */
  defectScale?: number;
  /** At most this many claims per X12 file (default 5000). */
  maxClaimsPerFile?: number;
  /** Share of notes written as FHIR bundles (default 0.2). */
  fhirShare?: number;
  practice?: PracticeConfig;
  /** Payer adjudication rate overrides; false writes no 835s. */
  adjudication?: Partial<AdjudicationRates> | false;
  /** Called after each month is written. */
  onMonth?: (month: string, claims: number) => void;
}

export interface TruthDefect {
  kind: DefectKind;
  category: string;
  expectedRules: readonly string[];
  carc: readonly string[];
}

export interface TruthClaim {
  claim: string;
  file: string;
  month: string;
  type: 'professional' | 'institutional';
  payerId: string;
  serviceDate: string;
  chargeCents: number;
  defects: TruthDefect[];
  duplicateOf?: string;
  /** The payer's answer (absent when adjudication is off). */
  adjudication?: TruthAdjudication;
}

export interface RemittanceSummary {
  files: number;
  claimPayments: number;
  outcomes: Record<AdjudicationOutcome, number>;
  /** Denied claims / claims. */
  denialRate: number;
  unseenDenials: number;
  slipped: number;
  underpayments: number;
  paidCents: number;
  plb: { file: string; reason: string; reference: string; cents: number }[];
}

export interface SimulateResult {
  out: string;
  files: string[];
  claims: number;
  defectCounts: Record<string, number>;
  skipped: Record<string, number>;
  remittances?: RemittanceSummary;
}

export function simulate(options: SimulateOptions): SimulateResult {
  const start = options.start ?? '2026-01';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) throw new RangeError(`start must be YYYY-MM, got ${start}`);
  if (!(Number.isInteger(options.months) && options.months >= 1))
    throw new RangeError('months must be a whole number ≥ 1');
  if (!(Number.isInteger(options.claimsPerMonth) && options.claimsPerMonth >= 1)) {
    throw new RangeError('claimsPerMonth must be a whole number ≥ 1');
  }
  const maxPerFile = options.maxClaimsPerFile ?? 5000;
  const rates = defectRates(options.defectRates, options.defectScale ?? 1);
  const out = options.out;
  mkdirSync(out, { recursive: true });
  const root = new Rng(`claimguard-sim/v${SIMULATOR_VERSION}/${String(options.seed)}`);
  const practice = generatePractice(root.fork('practice'), options.practice);
  const files: string[] = [];
  const rel = (p: string) => relative(out, p).split('\\').join('/');
  const track = (p: string) => files.push(rel(p));

  // The panel: patients seen over the whole history, with plan changes at the start of years.
  const state: SimState = {
    practice,
    panel: [],
    memberIds: new MemberIds(),
    nextPatient: 1,
    nextAuth: 1,
    fhirShare: options.fhirShare ?? 0.2,
  };
  const panelRng = root.fork('panel');
  const panelSize = Math.max(
    150,
    Math.round(options.claimsPerMonth * 1.6 + options.claimsPerMonth * options.months * 0.15),
  );
  const firstDay = `${start}-01`;
  const lastMonth = addMonths(start, options.months - 1);
  for (let i = 0; i < panelSize; i++) {
    const prng = panelRng.fork(i);
    const payer = prng.weighted(practice.payers, (p) => p.share);
    const p = newPatient(prng, {
      key: `P${String(state.nextPatient++).padStart(7, '0')}`,
      payer,
      coveredOn: firstDay,
      memberIds: state.memberIds,
    });
    for (let m = 1; m < options.months; m++) {
      const month = addMonths(start, m);
      if (month.endsWith('-01') && prng.chance(0.06)) {
        const other = prng.weighted(
          practice.payers.filter((x) => x.id !== p.coverages.at(-1)!.payerId),
          (x) => x.share,
        );
        switchPayer(p, other, `${month}-01`, prng, state.memberIds);
      }
    }
    state.panel.push(p);
  }

  writeFileSync(join(out, 'practice.json'), `${JSON.stringify(practiceJson(practice), null, 2)}\n`);
  track(join(out, 'practice.json'));
  mkdirSync(join(out, 'rules-payers'), { recursive: true });
  for (const payer of practice.payers.filter((p) => p.profile === 'simulator')) {
    const path = join(out, 'rules-payers', `${payer.id.toLowerCase()}.yaml`);
    writeFileSync(path, payerProfileYaml(payer));
    track(path);
  }

  const contracts = new CsvFile(join(out, 'contracts.csv'), CONTRACT_COLUMNS);
  for (const payer of practice.payers) {
    for (const proc of Object.values(PROCEDURES)) {
      contracts.row([
        payer.id,
        proc.code,
        '',
        dollars(Math.round(proc.chargeCents * payer.feeRate)),
        '2024-01-01',
        '',
      ]);
    }
  }
  contracts.close();
  track(contracts.path);

  const roster = new CsvFile(join(out, 'eligibility.csv'), ELIGIBILITY_COLUMNS);
  for (const p of state.panel) for (const c of p.coverages) roster.row(eligibilityRow(rosterRow(p, c)));

  const truth = new FileSink(join(out, 'truth.json'));
  truth.write(
    `{"generator":"claimguard-simulator","version":${SIMULATOR_VERSION},"seed":${JSON.stringify(String(options.seed))},` +
      `"start":"${start}","months":${options.months},"claimsPerMonth":${options.claimsPerMonth},\n"defectCatalogue":${JSON.stringify(
        DEFECTS.map((d) => ({
          kind: d.kind,
          group: d.group,
          category: d.category,
          expectedRules: d.expectedRules,
          carc: d.carc,
          rate: rates.get(d.kind),
        })),
      )},\n"claims":[`,
  );
  let truthCount = 0;
  const defectCounts: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  let control = 1;
  let claimSeq = 0;
  const builder = new MonthBuilder(state, rates);

  // Remittances: claim payments wait in their payer's payment run until no later claim can join it.
  const adjRates = options.adjudication === false ? null : adjudicationRates(options.adjudication);
  const adjRng = root.fork('adjudication');
  const runs = new Map<string, RemitRun>();
  const remitCounters = new Map<string, number>();
  const carry = new Map<string, number>();
  let remitControl = 800000001;
  const remit: RemittanceSummary = {
    files: 0,
    claimPayments: 0,
    outcomes: { paid: 0, denied: 0, partial: 0, reversed: 0 },
    denialRate: 0,
    unseenDenials: 0,
    slipped: 0,
    underpayments: 0,
    paidCents: 0,
    plb: [],
  };
  const payees = {
    professional: {
      name: practice.name,
      npi: practice.npi,
      taxId: practice.taxId,
      address: practice.address,
    },
    institutional: {
      name: practice.facility.name,
      npi: practice.facility.npi,
      taxId: practice.taxId,
      address: practice.facility.address,
    },
  };
  const queue = (e: RemitEvent) => {
    const key = `${e.date}|${e.payer.id}|${e.type}`;
    let run = runs.get(key);
    if (!run) {
      run = { payer: e.payer, payee: payees[e.type], date: e.date, clps: [], plb: [] };
      runs.set(key, run);
    }
    run.clps.push(e.clp);
  };
  /** Writes the runs dated before `before` (all of them when null), in date order. */
  const flushRuns = (before: string | null) => {
    const due = [...runs.keys()].filter((k) => before === null || k.slice(0, 10) < before).sort();
    for (const key of due) {
      const run = runs.get(key)!;
      runs.delete(key);
      const month = run.date.slice(0, 7);
      const dir = join(out, 'months', month);
      mkdirSync(dir, { recursive: true });
      const counterKey = `${month}|${run.payer.id}`;
      const n = (remitCounters.get(counterKey) ?? 0) + 1;
      remitCounters.set(counterKey, n);
      const path = join(dir, `835-${run.payer.id.toLowerCase()}-${String(n).padStart(3, '0')}.x12`);
      run.plb = providerAdjustments(run.clps, adjRates!, adjRng.fork(`plb:${key}`));
      // A run that would pay less than nothing (a reversal bigger than the payments) forwards the
      // balance (PLB FB, negative) and recovers it from the payer's next runs (PLB FB, positive).
      const carryKey = `${run.payer.id}|${run.payee.npi}`;
      const owed = carry.get(carryKey) ?? 0;
      const before = runTotal(run);
      if (owed > 0 && before > 0) {
        const take = Math.min(owed, before);
        run.plb.push({ reason: 'FB', reference: `FWD${run.payer.id}`, cents: take });
        carry.set(carryKey, owed - take);
      } else if (before < 0) {
        run.plb.push({ reason: 'FB', reference: `FWD${run.payer.id}`, cents: before });
        carry.set(carryKey, owed - before);
      }
      remit.paidCents += writeRemittance(path, run, remitControl++);
      remit.files++;
      remit.claimPayments += run.clps.length;
      for (const p of run.plb) remit.plb.push({ file: rel(path), ...p });
      track(path);
    }
  };

  for (let m = 0; m < options.months; m++) {
    const month = addMonths(start, m);
    const dir = join(out, 'months', month);
    mkdirSync(dir, { recursive: true });
    // Batches go out three days after the month ends.
    const fileDate = addDays(`${month}-01`, daysInMonth(month) + 2);
    const nextMonth = addMonths(month, 1);
    const nextFileDate = addDays(`${nextMonth}-01`, daysInMonth(nextMonth) + 2);
    const result = builder.build(month, options.claimsPerMonth, fileDate, root.fork(`month:${month}`));
    for (const k of result.skipped) skipped[k] = (skipped[k] ?? 0) + 1;
    for (const r of result.roster) roster.row(eligibilityRow(r));

    const yymm = month.slice(2, 4) + month.slice(5, 7);
    for (const c of result.claims) {
      c.id = `S${yymm}${String(++claimSeq).padStart(7, '0')}`;
      if (c.note && !c.duplicateOf) c.note.documentId = `DOC-${c.id}`;
    }

    const writers: Record<'professional' | 'institutional', X12ClaimFile | null> = {
      professional: null,
      institutional: null,
    };
    const counters = { professional: 0, institutional: 0 };
    const closeWriter = (type: 'professional' | 'institutional') => {
      const w = writers[type];
      if (w) {
        w.close();
        track(w.path);
        writers[type] = null;
      }
    };
    for (const c of result.claims) {
      let w = writers[c.type];
      if (w && w.claims >= maxPerFile) {
        closeWriter(c.type);
        w = null;
      }
      if (!w) {
        const name = `${c.type === 'professional' ? '837p' : '837i'}-${String(++counters[c.type]).padStart(3, '0')}.x12`;
        w = writers[c.type] = new X12ClaimFile(join(dir, name), c.type, practice, fileDate, control++);
      }
      w.add(c);
      let adjudication: TruthAdjudication | undefined;
      if (adjRates) {
        const a = adjudicate(c, fileDate, adjRates, adjRng.fork(c.id));
        for (const e of a.events) queue(e);
        adjudication = a.truth;
        remit.outcomes[a.truth.outcome]++;
        if (a.truth.unseenDenial) remit.unseenDenials++;
        if (a.truth.slipped) remit.slipped++;
        if (a.truth.underpaymentCents !== undefined) remit.underpayments++;
      }
      const entry: TruthClaim = {
        claim: c.id,
        file: rel(w.path),
        month,
        type: c.type,
        payerId: c.payer.id,
        serviceDate: c.serviceDate,
        chargeCents: c.lines.reduce((a, l) => a + l.chargeCents, 0),
        defects: c.defects.map((k) => {
          const s = defectSpec(k);
          defectCounts[k] = (defectCounts[k] ?? 0) + 1;
          return { kind: k, category: s.category, expectedRules: s.expectedRules, carc: s.carc };
        }),
        ...(c.duplicateOf ? { duplicateOf: c.duplicateOf.id } : {}),
        ...(adjudication ? { adjudication } : {}),
      };
      truth.write(`${truthCount++ === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`);
    }
    closeWriter('professional');
    closeWriter('institutional');

    const docs = new CsvFile(join(dir, 'documentation.csv'), DOCUMENTATION_COLUMNS);
    const fhir = new FhirBundleFile(join(dir, 'documentation-fhir.json'), `claimguard-sim-${month}`);
    for (const n of result.notes) {
      if (n.fhir) fhir.addNote(n);
      else docs.row(documentationRow(n));
    }
    docs.close();
    fhir.close();
    track(docs.path);
    track(fhir.path);
    const auths = new CsvFile(join(dir, 'authorizations.csv'), AUTHORIZATION_COLUMNS);
    for (const a of result.auths) auths.row(authorizationRow(a));
    auths.close();
    track(auths.path);
    // Claims of later months are paid 14 days after their batch at the earliest.
    if (adjRates) flushRuns(m + 1 < options.months ? addDays(nextFileDate, 14) : null);
    options.onMonth?.(month, result.claims.length);
  }
  roster.close();
  track(roster.path);

  remit.denialRate = truthCount ? Number((remit.outcomes.denied / truthCount).toFixed(4)) : 0;
  const summary = {
    claims: truthCount,
    defects: defectCounts,
    skipped,
    ...(adjRates ? { remittances: remit } : {}),
  };
  truth.write(`\n],\n"summary":${JSON.stringify(summary)}}\n`);
  truth.close();
  track(truth.path);

  files.sort();
  const manifest = {
    generator: 'claimguard-simulator',
    version: SIMULATOR_VERSION,
    seed: String(options.seed),
    start,
    end: lastMonth,
    months: options.months,
    claimsPerMonth: options.claimsPerMonth,
    maxClaimsPerFile: maxPerFile,
    defectRates: Object.fromEntries(rates),
    adjudication: adjRates ?? false,
    claims: truthCount,
    patients: state.nextPatient - 1,
    files: [...files, 'manifest.json'].sort(),
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    out,
    files: manifest.files,
    claims: truthCount,
    defectCounts,
    skipped,
    ...(adjRates ? { remittances: remit } : {}),
  };
}

function practiceJson(p: Practice): unknown {
  return {
    name: p.name,
    npi: p.npi,
    taxId: p.taxId,
    taxonomy: p.taxonomy,
    facility: p.facility,
    locations: p.locations,
    providers: p.providers,
    payers: p.payers.map((x) => ({
      id: x.id,
      name: x.name,
      kind: x.kind,
      filingIndicator: x.filingIndicator,
      timelyFilingDays: x.timelyFilingDays,
      appealDays: x.appealDays,
      priorAuthCodes: x.priorAuthCodes,
      memberIdPattern: x.memberIdPattern,
      feeRate: x.feeRate,
      profile:
        x.profile === 'rules/payers'
          ? 'rules/payers (already in the rule pack)'
          : 'rules-payers/ (copy into the rules payers folder)',
    })),
    specialties: p.specialties.map((s) => ({ id: s.id, name: s.name, taxonomy: s.taxonomy })),
  };
}

/** A payer profile in the rules/payers format (every field given; YAML written by hand, quoted). */
export function payerProfileYaml(p: SimPayer): string {
  const lines = [
    `# ${p.name} (synthetic): written by the claimguard simulator; no real payer uses the id ${p.id}.`,
    ...(p.profileNote ?? '')
      .split('\n')
      .filter(Boolean)
      .map((l) => `# ${l}`),
    `name: ${JSON.stringify(`${p.name} (simulated)`)}`,
    `payerIds: [${JSON.stringify(p.id)}]`,
    `timelyFilingDays: ${p.timelyFilingDays}`,
    `appealDays: ${p.appealDays}`,
    'priorAuthCodes:',
    ...p.priorAuthCodes.map((c) => `  - ${JSON.stringify(c)}`),
    `memberIdPattern: ${p.memberIdPattern === null ? 'null' : `'${p.memberIdPattern}'`}`,
  ];
  return `${lines.join('\n')}\n`;
}
