import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { SNIFF_BYTES } from './file-kind.js';

/** What one read of a file tells before it is parsed. */
export interface FileFingerprint {
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  sizeBytes: number;
  /** The first SNIFF_BYTES bytes, for sniffing the kind. */
  head: Buffer;
  /** True when `head` is the whole file. */
  wholeFile: boolean;
}

/** Streams a file once (1 MiB reads, constant memory) for its hash, size and first bytes. */
export async function fingerprintFile(path: string): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headBytes = 0;
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
    if (headBytes < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
      // Copied: the read stream's chunk may be a view of a pooled buffer.
      headParts.push(Buffer.from(part));
      headBytes += part.length;
    }
  }
  return {
    sha256: hash.digest('hex'),
    sizeBytes,
    head: Buffer.concat(headParts),
    wholeFile: sizeBytes === headBytes,
  };
}
