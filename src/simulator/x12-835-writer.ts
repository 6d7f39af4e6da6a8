/**
 * 835 (005010X221A1) writer: one interchange per file (ISA/GS/ST … SE/GE/IEA) holding one payer's
 * payment run to one payee (the billing provider of the 837s: the group's NPI for professional
 * claims, the facility's for institutional ones). BPR02 = ΣCLP04 − ΣPLB; every CLP and SVC balances
 * with its CAS. Amounts come from integer cents.
 */
import type { Cas, ClpOut } from './adjudication.js';
import { d8 } from './dates.js';
import { FileSink } from './file-sink.js';
import type { Address, SimPayer } from './practice.js';
import { money } from './x12-writer.js';

export interface Payee {
  name: string;
  npi: string;
  taxId: string;
  address: Address;
}

/** PLB adjustment: positive amounts reduce the payment (WO recovery), negative ones add (L6 interest). */
export interface Plb {
  reason: string;
  reference: string;
  cents: number;
}

export interface RemitRun {
  payer: SimPayer;
  payee: Payee;
  /** Payment date (BPR16, EFT effective date). */
  date: string;
  clps: ClpOut[];
  plb: Plb[];
}

const RECEIVER = 'CGSIMSUBMIT';

function clean(value: string): string {
  return value.replace(/[*~:^]/g, ' ');
}

/** A stable 9-digit number from a text (synthetic EINs and bank accounts). */
export function digitsOf(text: string, n = 9): string {
  let h = 7;
  for (const ch of text) h = (h * 131 + ch.charCodeAt(0)) % 1_000_000_007;
  return String(h % 10 ** n).padStart(n, '9');
}

function interchangeSender(payer: SimPayer): string {
  return `CGSIM${payer.id}`.slice(0, 15);
}

/** Σ CLP04 − Σ PLB (the BPR02 of the run). */
export function runTotal(run: RemitRun): number {
  return run.clps.reduce((a, c) => a + c.paidCents, 0) - run.plb.reduce((a, p) => a + p.cents, 0);
}

/** Writes one run as an 835 file; returns the BPR02 total in cents. */
export function writeRemittance(path: string, run: RemitRun, controlNumber: number): number {
  const sink = new FileSink(path);
  let segments = 0;
  const seg = (text: string) => {
    sink.write(`${text}~\n`);
    segments++;
  };
  const isaControl = String(controlNumber).padStart(9, '0');
  const sender = interchangeSender(run.payer);
  const date = d8(run.date);
  const total = runTotal(run);
  if (total < 0) throw new Error(`payment run ${run.payer.id} ${run.date} has a negative total`);
  sink.write(
    `ISA*00*          *00*          *ZZ*${sender.padEnd(15)}*ZZ*${RECEIVER.padEnd(15)}*${date.slice(2)}*0600*^*00501*${isaControl}*0*T*:~\n`,
  );
  sink.write(`GS*HP*${sender}*${RECEIVER}*${date}*0600*${controlNumber}*X*005010X221A1~\n`);
  seg('ST*835*0001*005010X221A1');
  const payerEin = `1${digitsOf(`ein:${run.payer.id}`)}`;
  if (total > 0) {
    seg(
      `BPR*I*${money(total)}*C*ACH*CCP*01*${digitsOf(`rt:${run.payer.id}`)}*DA*${digitsOf(`acct:${run.payer.id}`, 10)}*${payerEin}**01*` +
        `${digitsOf(`rt:${run.payee.npi}`)}*DA*${digitsOf(`acct:${run.payee.npi}`, 10)}*${date}`,
    );
  } else {
    seg(`BPR*H*0*C*NON************${date}`);
  }
  seg(`TRN*1*${run.payer.id}${date}${run.payee.npi.slice(-4)}*${payerEin}`);
  seg(`DTM*405*${date}`);
  seg(`N1*PR*${clean(run.payer.name)}`);
  seg('N3*1 SIMULATED PAYER PLAZA');
  seg('N4*SPRINGFIELD*IL*627010001');
  seg(`REF*2U*${run.payer.id}`);
  seg('PER*BL*PROVIDER SERVICES*TE*5555550142');
  seg(`N1*PE*${clean(run.payee.name)}*XX*${run.payee.npi}`);
  seg(`N3*${clean(run.payee.address.line)}`);
  seg(`N4*${clean(run.payee.address.city)}*${run.payee.address.state}*${run.payee.address.zip}`);
  seg(`REF*TJ*${run.payee.taxId}`);
  if (run.clps.length > 0) seg('LX*1');
  for (const c of run.clps) {
    seg(
      `CLP*${c.claim}*${c.status}*${money(c.chargeCents)}*${money(c.paidCents)}*${money(c.patientCents)}*` +
        `${c.filingIndicator}*${c.icn}*${c.facilityCode}*1`,
    );
    seg(
      `NM1*QC*1*${clean(c.patient.lastName)}*${clean(c.patient.firstName)}****MI*${clean(c.patient.memberId)}`,
    );
    seg(`DTM*050*${d8(c.receivedDate)}`);
    for (const l of c.lines) {
      const proc = ['HC', l.code, ...l.modifiers].join(':');
      seg(`SVC*${proc}*${money(l.chargeCents)}*${money(l.paidCents)}*${l.revenueCode}*${l.units}`);
      seg(`DTM*472*${d8(c.serviceDate)}`);
      for (const cas of casSegments(l.cas)) seg(cas);
      if (l.allowedCents !== null) seg(`AMT*B6*${money(l.allowedCents)}`);
      for (const r of l.rarc) seg(`LQ*HE*${r}`);
    }
  }
  if (run.plb.length > 0) {
    const fiscal = `${run.date.slice(0, 4)}1231`;
    seg(
      `PLB*${run.payee.npi}*${fiscal}*${run.plb.map((p) => `${p.reason}:${p.reference}*${money(p.cents)}`).join('*')}`,
    );
  }
  seg(`SE*${segments + 1}*0001`);
  sink.write(`GE*1*${controlNumber}~\n`);
  sink.write(`IEA*1*${isaControl}~\n`);
  sink.close();
  return total;
}

/** CAS segments: one per group code, at most six reason/amount pairs each. */
function casSegments(cas: readonly Cas[]): string[] {
  const out: string[] = [];
  for (const group of ['CO', 'PR', 'OA'] as const) {
    const items = cas.filter((c) => c.group === group);
    for (let i = 0; i < items.length; i += 6) {
      out.push(
        `CAS*${group}*${items
          .slice(i, i + 6)
          .map((c) => `${c.carc}*${money(c.cents)}*`)
          .join('*')
          .replace(/\*$/, '')}`,
      );
    }
  }
  return out;
}
