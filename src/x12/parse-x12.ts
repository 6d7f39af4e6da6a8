import { Transform, type TransformCallback } from 'node:stream';
import type { Claim } from './models/claim.js';
import type { EligibilityResponse } from './models/eligibility.js';
import type { ServicesReview } from './models/services-review.js';
import type { Remittance, RemittanceHeader } from './models/remittance.js';
import type { TransactionSummary, X12Item } from './x12-item.js';
import type { X12Issue } from './x12-issue.js';
import { X12Reader, type X12ReaderOptions } from './x12-reader.js';

/** Everything read from one input by the in-memory entry point. */
export interface X12ParseResult {
  claims: Claim[];
  remittances: Remittance[];
  /** 271 members (one per subscriber and per dependent). */
  eligibility: EligibilityResponse[];
  /** 278 response patient events (and rejected members without an event). */
  servicesReviews: ServicesReview[];
  transactions: TransactionSummary[];
  issues: X12Issue[];
  segmentCount: number;
  byteCount: number;
  /** True when no issue has severity 'error'. */
  ok: boolean;
}

/**
 * Parses a whole X12 input held in memory (small files, tests, API bodies). Large files should use
 * `parseX12Stream` or `createX12Transform`, which never hold more than one claim at a time.
 * Throws X12ParseError when the input is not X12 at all; every other problem is an issue in the result.
 */
export function parseX12(
  input: string | Buffer | Uint8Array,
  options: X12ReaderOptions = {},
): X12ParseResult {
  const result: X12ParseResult = {
    claims: [],
    remittances: [],
    eligibility: [],
    servicesReviews: [],
    transactions: [],
    issues: [],
    segmentCount: 0,
    byteCount: 0,
    ok: true,
  };
  const open = new Map<RemittanceHeader, Remittance>();
  const reader = new X12Reader((item) => collect(item, result, open), options);
  reader.write(input);
  reader.end();
  result.segmentCount = reader.segmentCount;
  result.byteCount = reader.byteCount;
  result.ok = !result.issues.some((i) => i.severity === 'error');
  return result;
}

function collect(item: X12Item, result: X12ParseResult, open: Map<RemittanceHeader, Remittance>): void {
  switch (item.kind) {
    case 'claim':
      result.claims.push(item.claim);
      break;
    case 'remittance-header': {
      const r: Remittance = {
        header: item.header,
        payments: [],
        claimPaymentCount: 0,
        totalClaimPaid: 0,
        providerAdjustments: [],
        totalProviderAdjustments: 0,
      };
      open.set(item.header, r);
      result.remittances.push(r);
      break;
    }
    case 'claim-payment':
      open.get(item.payment.header)?.payments.push(item.payment);
      break;
    case 'remittance': {
      const r = open.get(item.remittance.header);
      if (r) {
        Object.assign(r, item.remittance, { payments: r.payments });
        open.delete(item.remittance.header);
      }
      break;
    }
    case 'eligibility':
      result.eligibility.push(item.eligibility);
      break;
    case 'services-review':
      result.servicesReviews.push(item.review);
      break;
    case 'transaction':
      result.transactions.push(item.transaction);
      break;
    case 'issue':
      result.issues.push(item.issue);
      break;
  }
}

/** Bytes handed to the reader at a time by the async iterator (see parseX12Stream). */
const FEED_SLICE = 64 * 1024;

type ByteSource = AsyncIterable<Buffer | Uint8Array | string> | NodeJS.ReadableStream;

/**
 * Streams an X12 input: yields claims, claim payments, remittance headers and summaries, transaction
 * summaries and issues one at a time, in input order. Memory is bounded by one input chunk's items.
 * Throws X12ParseError (after reading everything) when the input is not X12 at all.
 */
export async function* parseX12Stream(
  source: ByteSource,
  options: X12ReaderOptions = {},
): AsyncGenerator<X12Item> {
  let queue: X12Item[] = [];
  const reader = new X12Reader((item) => queue.push(item), options);
  for await (const chunk of source as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    // Feed large chunks in slices so that only a few claims wait in the queue: items that die young
    // cost the garbage collector little, a 1 MiB chunk's worth of claims gets promoted and costs a lot.
    for (let at = 0; at < bytes.length; at += FEED_SLICE) {
      reader.write(bytes.subarray(at, at + FEED_SLICE));
      if (queue.length) {
        const batch = queue;
        queue = [];
        // A plain loop: `yield*` over an array would wrap every item in an extra async-from-sync step.
        for (let i = 0; i < batch.length; i++) yield batch[i]!;
      }
    }
  }
  reader.end();
  for (let i = 0; i < queue.length; i++) yield queue[i]!;
}

/**
 * A Node Transform stream: X12 bytes in, X12Item objects out (object mode), with backpressure.
 * An input that is not X12 at all ends the stream with an X12ParseError.
 */
export function createX12Transform(options: X12ReaderOptions = {}): Transform {
  let push: (item: X12Item) => void = () => undefined;
  const reader = new X12Reader((item) => push(item), options);
  const transform = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback) {
      try {
        reader.write(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        reader.end();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  push = (item) => {
    transform.push(item);
  };
  return transform;
}
