import { Claim837Builder } from './builders/claim-837.builder.js';
import { Eligibility271Builder } from './builders/eligibility-271.builder.js';
import { Remittance835Builder } from './builders/remittance-835.builder.js';
import { ServicesReview278Builder } from './builders/services-review-278.builder.js';
import type { ClaimType, TransactionContext } from './models/claim.js';
import type { Segment } from './segment.js';
import { X12Tokenizer } from './tokenizer.js';
import type { BuilderContext, IssueDetail, TransactionBuilder } from './transaction-builder.js';
import type { TransactionKind, X12Item } from './x12-item.js';
import { type X12Issue, type X12IssueCode, type X12IssueSeverity, X12ParseError } from './x12-issue.js';

export interface X12ReaderOptions {
  /** Strict mode: count mismatches in SE01/GE01/IEA01 become errors instead of warnings. */
  strict?: boolean;
  /** Longest segment accepted (bytes). Default 64 KiB. */
  maxSegmentLength?: number;
  /** Issues kept per input; later ones are counted but not reported (protects memory on garbage). */
  maxIssues?: number;
}

/** ISA element widths (ISA01..ISA16) from the standard's fixed-width header. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
/** ISA is 106 characters including its terminator. */
const ISA_LENGTH = 106;

/**
 * Transaction sets claimguard recognises without modelling them (reported as kind 'other'). 271 and 278
 * have builders; a 278 that is a request (BHT02 13), not a response, is still reported as 'other'.
 */
const KNOWN_OTHER = new Set(['270', '276', '277', '269', '275', '820', '834', '997', '999', '824']);

interface Interchange {
  isa: Segment;
  controlNumber: string;
  version: string;
  senderId: string;
  receiverId: string;
  usage: string;
  groupCount: number;
}

interface Group {
  gs: Segment;
  controlNumber: string;
  version: string;
  transactionCount: number;
}

interface OpenTransaction {
  st: Segment;
  context: TransactionContext;
  builder: TransactionBuilder | null;
  segmentCount: number;
  failed: boolean;
  errors: number;
  warnings: number;
  labeledType: ClaimType | null;
  firstClaimType: ClaimType | null;
  isRemittance: boolean;
}

/** Maps an implementation guide label (ST03 or GS08) to the claim type it announces. */
export function claimTypeFromLabel(label: string): ClaimType | null {
  if (label.includes('X222') || label.includes('X098')) return 'professional';
  if (label.includes('X223') || label.includes('X096')) return 'institutional';
  if (label.includes('X224') || label.includes('X097')) return 'dental';
  return null;
}

const KIND_OF: Record<ClaimType, TransactionKind> = {
  professional: '837P',
  institutional: '837I',
  dental: '837D',
};

/**
 * Push-style X12 reader: bytes in, typed items out. It validates envelopes (ISA/IEA, GS/GE, ST/SE
 * control numbers and counts), routes each transaction set on ST01 plus its content, and hands
 * segments to the 837, 835, 271 or 278 builder, which emit claims, claim payments, eligibility members
 * and services reviews one at a time.
 * One bad transaction set never stops the rest: its builder is isolated and the next ST starts fresh.
 */
export class X12Reader {
  private readonly tokenizer: X12Tokenizer;
  private readonly strict: boolean;
  private readonly maxIssues: number;
  private interchange: Interchange | null = null;
  private group: Group | null = null;
  private tx: OpenTransaction | null = null;
  private last: Segment | null = null;
  private bare = false;
  private issueCount = 0;
  private suppressed = 0;
  private ended = false;

  constructor(
    private readonly onItem: (item: X12Item) => void,
    options: X12ReaderOptions = {},
  ) {
    this.strict = options.strict ?? false;
    this.maxIssues = options.maxIssues ?? 10_000;
    this.tokenizer = new X12Tokenizer(
      {
        segment: (seg) => this.segment(seg),
        issue: (issue) => {
          if (issue.code === 'X12_NO_ENVELOPE') this.bare = true;
          this.report(issue);
        },
      },
      options.maxSegmentLength === undefined ? {} : { maxSegmentLength: options.maxSegmentLength },
    );
  }

  /** Bytes read so far. */
  get byteCount(): number {
    return this.tokenizer.byteCount;
  }

  /** Segments read so far. */
  get segmentCount(): number {
    return this.tokenizer.segmentCount;
  }

  /** Issues that were not reported because `maxIssues` was reached. */
  get suppressedIssues(): number {
    return this.suppressed;
  }

  /** Feeds the next chunk of input (any size). */
  write(chunk: Buffer | Uint8Array | string): void {
    if (this.ended) throw new Error('X12Reader.write() after end()');
    this.tokenizer.write(chunk);
  }

  /**
   * Ends the input: closes what is still open (reporting missing trailers). Throws X12ParseError when the
   * input held no X12 at all (empty, binary, another format, undecodable UTF-16).
   */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.tokenizer.end();
    const fatal = this.tokenizer.fatalProblem;
    if (fatal && (this.tokenizer.segmentCount === 0 || fatal.code === 'X12_ENCODING_INVALID')) {
      const issue: X12Issue = {
        severity: 'error',
        code: fatal.code,
        message: fatal.message,
        segmentIndex: -1,
        segmentId: '',
        line: 1,
        byteOffset: fatal.offset,
      };
      this.report(issue);
      throw new X12ParseError(fatal.code, fatal.message, [issue]);
    }
    const at = this.last;
    if (at) {
      this.closeDanglingTransaction(at);
      this.closeDanglingGroup(at);
      this.closeDanglingInterchange(at);
    }
    if (this.suppressed > 0 && at) {
      this.report(
        {
          severity: 'warning',
          code: 'X12_GARBAGE_SKIPPED',
          message: `${this.suppressed} further issues not listed`,
          segmentIndex: at.segmentIndex,
          segmentId: at.id,
          line: at.line,
          byteOffset: at.byteOffset,
        },
        true,
      );
    }
  }

  private segment(seg: Segment): void {
    this.last = seg;
    switch (seg.id) {
      case 'ISA':
        return this.openInterchange(seg);
      case 'IEA':
        return this.closeInterchange(seg);
      case 'GS':
        return this.openGroup(seg);
      case 'GE':
        return this.closeGroup(seg);
      case 'ST':
        return this.openTransaction(seg);
      case 'SE':
        return this.endTransaction(seg);
      case 'TA1':
        if (this.interchange && !this.group) return;
        break;
    }
    const tx = this.tx;
    if (!tx) {
      this.issueAt(
        'error',
        'X12_SEGMENT_OUTSIDE_TRANSACTION',
        `${seg.id} segment outside any ST..SE; ignored`,
        seg,
      );
      return;
    }
    tx.segmentCount++;
    if (tx.failed || tx.builder === null) return;
    try {
      tx.builder.segment(seg);
    } catch (err) {
      this.failTransaction(tx, seg, err);
    }
  }

  private openInterchange(isa: Segment): void {
    this.closeDanglingTransaction(isa);
    this.closeDanglingGroup(isa);
    this.closeDanglingInterchange(isa);
    const e = isa.elements;
    let length = 4; // id + terminator
    for (let i = 1; i < e.length; i++) length += e[i]!.length + 1;
    if (length !== ISA_LENGTH) {
      this.issueAt(
        'error',
        'X12_ISA_LENGTH',
        `ISA is ${length} characters; the standard fixes it at ${ISA_LENGTH} (fixed-width readers will misread it)`,
        isa,
      );
    }
    for (let i = 1; i <= 16 && i < e.length; i++) {
      if (e[i]!.length !== ISA_WIDTHS[i - 1]) {
        this.issueAt(
          'warning',
          'X12_ISA_ELEMENT_WIDTH',
          `ISA${String(i).padStart(2, '0')} is ${e[i]!.length} characters wide; expected ${ISA_WIDTHS[i - 1]}`,
          isa,
          { elementIndex: i },
        );
      }
    }
    if (e.length - 1 !== 16) {
      this.issueAt(
        'error',
        'X12_ISA_ELEMENT_COUNT',
        `ISA has ${e.length - 1} elements; 16 are required`,
        isa,
      );
    }
    this.interchange = {
      isa,
      controlNumber: (e[13] ?? '').trim(),
      version: (e[12] ?? '').trim(),
      senderId: (e[6] ?? '').trim(),
      receiverId: (e[8] ?? '').trim(),
      usage: (e[15] ?? '').trim(),
      groupCount: 0,
    };
  }

  private closeInterchange(iea: Segment): void {
    this.closeDanglingTransaction(iea);
    this.closeDanglingGroup(iea);
    const ic = this.interchange;
    if (!ic) {
      this.issueAt('error', 'X12_ISA_MISSING', 'IEA without a matching ISA', iea);
      return;
    }
    this.interchange = null;
    const count = iea.get(1);
    if (count !== String(ic.groupCount) && Number(count) !== ic.groupCount) {
      this.countIssue(
        'X12_IEA_COUNT_MISMATCH',
        `IEA01 says ${count || '(empty)'} functional groups; the interchange has ${ic.groupCount}`,
        iea,
      );
    }
    if (iea.get(2).trim() !== ic.controlNumber) {
      this.issueAt(
        'error',
        'X12_IEA_CONTROL_MISMATCH',
        `IEA02 ${iea.get(2) || '(empty)'} does not match ISA13 ${ic.controlNumber}`,
        iea,
        { elementIndex: 2 },
      );
    }
  }

  private openGroup(gs: Segment): void {
    this.closeDanglingTransaction(gs);
    this.closeDanglingGroup(gs);
    if (!this.interchange) {
      this.issueAt('error', 'X12_ISA_MISSING', 'GS without an ISA interchange header', gs);
    } else {
      this.interchange.groupCount++;
    }
    this.group = { gs, controlNumber: gs.get(6), version: gs.get(8), transactionCount: 0 };
  }

  private closeGroup(ge: Segment): void {
    this.closeDanglingTransaction(ge);
    const g = this.group;
    if (!g) {
      this.issueAt('error', 'X12_GS_MISSING', 'GE without a matching GS', ge);
      return;
    }
    this.group = null;
    const count = ge.get(1);
    if (Number(count) !== g.transactionCount || count === '') {
      this.countIssue(
        'X12_GE_COUNT_MISMATCH',
        `GE01 says ${count || '(empty)'} transaction sets; the group has ${g.transactionCount}`,
        ge,
      );
    }
    if (ge.get(2) !== g.controlNumber) {
      this.issueAt(
        'error',
        'X12_GE_CONTROL_MISMATCH',
        `GE02 ${ge.get(2) || '(empty)'} does not match GS06 ${g.controlNumber}`,
        ge,
        { elementIndex: 2 },
      );
    }
  }

  private openTransaction(st: Segment): void {
    this.closeDanglingTransaction(st);
    if (this.group) this.group.transactionCount++;
    else if (this.interchange)
      this.issueAt('error', 'X12_GS_MISSING', 'ST outside a GS functional group', st);
    const ic = this.interchange;
    const groupVersion = this.group?.version ?? '';
    const implementationReference = st.get(3);
    const context: TransactionContext = {
      interchangeControlNumber: ic?.controlNumber ?? '',
      interchangeSenderId: ic?.senderId ?? '',
      interchangeReceiverId: ic?.receiverId ?? '',
      usageIndicator: ic?.usage ?? '',
      groupControlNumber: this.group?.controlNumber ?? '',
      groupVersion,
      transactionSetId: st.get(1),
      transactionControlNumber: st.get(2),
      implementationReference,
      batchReference: '',
      creationDate: null,
      claimOrEncounter: '',
    };
    const tx: OpenTransaction = {
      st,
      context,
      builder: null,
      segmentCount: 1,
      failed: false,
      errors: 0,
      warnings: 0,
      labeledType: null,
      firstClaimType: null,
      isRemittance: false,
    };
    this.tx = tx;
    const version = this.versionOf(implementationReference, groupVersion);
    const id = st.get(1);
    if ((id === '837' || id === '835') && version === '4010') {
      this.issueAt(
        'warning',
        'X12_VERSION_4010',
        `4010 ${id} (${groupVersion || ic?.version || 'no version label'}): parsed as far as its structure allows`,
        st,
      );
    }
    const ctx = this.builderContext(tx, version);
    try {
      if (id === '837') {
        const fromSt = claimTypeFromLabel(implementationReference);
        const fromGs = claimTypeFromLabel(groupVersion);
        if (fromSt && fromGs && fromSt !== fromGs) {
          this.issueAt(
            'warning',
            'X12_VERSION_LABEL_CONFLICT',
            `ST03 ${implementationReference} announces ${fromSt} but GS08 ${groupVersion} announces ${fromGs}`,
            st,
            { elementIndex: 3 },
          );
        }
        tx.labeledType = fromSt ?? fromGs;
        tx.builder = new Claim837Builder(ctx, tx.labeledType);
      } else if (id === '835') {
        tx.isRemittance = true;
        tx.builder = new Remittance835Builder(ctx);
      } else if (id === '271') {
        tx.builder = new Eligibility271Builder(ctx);
      } else if (id === '278') {
        tx.builder = new ServicesReview278Builder(ctx);
      } else if (!KNOWN_OTHER.has(id)) {
        this.issueAt(
          'warning',
          'X12_UNSUPPORTED_TRANSACTION',
          `transaction set ${id || '(empty ST01)'} is not one claimguard reads; its segments are counted only`,
          st,
          { elementIndex: 1 },
        );
      }
    } catch (err) {
      this.failTransaction(tx, st, err);
    }
  }

  private versionOf(st03: string, gs08: string): '5010' | '4010' {
    if (st03.startsWith('005010')) return '5010';
    const isa12 = this.interchange?.version ?? '';
    if (isa12 === '00401') return '4010';
    if (isa12 === '00501') return '5010';
    if (gs08.startsWith('004010')) return '4010';
    if (gs08.startsWith('005010')) return '5010';
    // Labels scrubbed or wrong (de-identified files): ISA11 'U' is the 4010 standards id.
    return this.interchange?.isa.get(11) === 'U' ? '4010' : '5010';
  }

  private endTransaction(se: Segment): void {
    const tx = this.tx;
    if (!tx) {
      this.issueAt('error', 'X12_ST_MISSING', 'SE without a matching ST', se);
      return;
    }
    tx.segmentCount++;
    const count = se.get(1);
    if (count === '' || Number(count) !== tx.segmentCount) {
      this.countIssue(
        'X12_SE_COUNT_MISMATCH',
        `SE01 says ${count || '(empty)'} segments; the transaction set has ${tx.segmentCount} (ST to SE inclusive)`,
        se,
      );
    }
    if (se.get(2) !== tx.context.transactionControlNumber) {
      this.issueAt(
        'error',
        'X12_SE_CONTROL_MISMATCH',
        `SE02 ${se.get(2) || '(empty)'} does not match ST02 ${tx.context.transactionControlNumber}`,
        se,
        { elementIndex: 2 },
      );
    }
    this.closeTransaction();
  }

  /** Reports an open transaction set that `at` interrupts (no SE) and closes it. */
  private closeDanglingTransaction(at: Segment): void {
    if (!this.tx) return;
    this.issueAt(
      'error',
      'X12_SE_MISSING',
      `transaction set ${this.tx.context.transactionControlNumber} has no SE`,
      at,
    );
    this.closeTransaction();
  }

  /** Reports an open functional group that `at` interrupts (no GE) and closes it. */
  private closeDanglingGroup(at: Segment): void {
    if (!this.group) return;
    this.issueAt('error', 'X12_GE_MISSING', `group ${this.group.controlNumber} has no GE`, at);
    this.group = null;
  }

  /** Reports an open interchange that `at` interrupts (no IEA) and closes it. */
  private closeDanglingInterchange(at: Segment): void {
    if (!this.interchange) return;
    this.issueAt('error', 'X12_IEA_MISSING', `interchange ${this.interchange.controlNumber} has no IEA`, at);
    this.interchange = null;
  }

  /** Flushes the open transaction's builder and reports its summary. */
  private closeTransaction(): void {
    const tx = this.tx!;
    if (tx.builder && !tx.failed) {
      try {
        tx.builder.end();
      } catch (err) {
        this.failTransaction(tx, this.last ?? tx.st, err);
      }
    }
    this.tx = null;
    const id = tx.context.transactionSetId;
    if (id === '837' && tx.builder && !tx.failed && tx.builder.claimCount === 0) {
      this.issueAt(
        'warning',
        'X12_EMPTY_TRANSACTION',
        `837 transaction set ${tx.context.transactionControlNumber} holds no claim`,
        tx.st,
      );
    }
    const kind: TransactionKind =
      id === '835'
        ? '835'
        : id === '837'
          ? KIND_OF[tx.firstClaimType ?? tx.labeledType ?? 'professional']
          : id === '271'
            ? '271'
            : id === '278' && tx.builder instanceof ServicesReview278Builder && tx.builder.isResponse
              ? '278'
              : 'other';
    this.onItem({
      kind: 'transaction',
      transaction: {
        context: tx.context,
        kind,
        segmentCount: tx.segmentCount,
        claimCount: tx.builder?.claimCount ?? 0,
        paymentCount: tx.builder?.paymentCount ?? 0,
        errorCount: tx.errors,
        warningCount: tx.warnings,
        position: { segmentIndex: tx.st.segmentIndex, line: tx.st.line, byteOffset: tx.st.byteOffset },
      },
    });
  }

  private failTransaction(tx: OpenTransaction, seg: Segment, err: unknown): void {
    tx.failed = true;
    const why = err instanceof Error ? err.message : String(err);
    this.issueAt(
      'error',
      'X12_TRANSACTION_FAILED',
      `transaction set ${tx.context.transactionControlNumber} could not be read past this ${seg.id} segment (${why}); ` +
        'the rest of the file is read normally',
      seg,
    );
  }

  private builderContext(tx: OpenTransaction, version: '5010' | '4010'): BuilderContext {
    return {
      strict: this.strict,
      version,
      transaction: tx.context,
      issue: (severity, code, message, at, detail) => this.issueAt(severity, code, message, at, detail),
      emit: (item) => {
        if (item.kind === 'claim' && tx.firstClaimType === null) tx.firstClaimType = item.claim.claimType;
        this.onItem(item);
      },
    };
  }

  /** SE01/GE01/IEA01 counts: warnings by default (real files often carry stale counts), errors when strict. */
  private countIssue(code: X12IssueCode, message: string, at: Segment): void {
    this.issueAt(this.strict ? 'error' : 'warning', code, message, at, { elementIndex: 1 });
  }

  private issueAt(
    severity: X12IssueSeverity,
    code: X12IssueCode,
    message: string,
    at: Segment,
    detail?: IssueDetail,
  ): void {
    const issue: X12Issue = {
      severity,
      code,
      message,
      segmentIndex: at.segmentIndex,
      segmentId: at.id,
      line: at.line,
      byteOffset: detail?.elementIndex ? at.elementOffset(detail.elementIndex) : at.byteOffset,
    };
    if (detail?.elementIndex) issue.elementIndex = detail.elementIndex;
    if (detail?.componentIndex) issue.componentIndex = detail.componentIndex;
    if (detail?.path) issue.path = detail.path;
    this.report(issue);
  }

  private report(issue: X12Issue, force = false): void {
    const tx = this.tx;
    if (tx) {
      if (issue.severity === 'error') tx.errors++;
      else tx.warnings++;
    }
    if (!force && ++this.issueCount > this.maxIssues) {
      this.suppressed++;
      return;
    }
    this.onItem({ kind: 'issue', issue });
  }

  /** True once a bare GS/ST (no ISA) was read with inferred delimiters. */
  get bareEnvelope(): boolean {
    return this.bare;
  }
}
