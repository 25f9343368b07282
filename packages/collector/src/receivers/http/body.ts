import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { BodyLease } from './body-budget.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

export interface BodyLimits {
  /** Bytes as sent on the wire. */
  maxBytes: number;
  /** Bytes after decompression (gzip bombs). */
  maxDecompressedBytes: number;
}

/** A request body the receiver refuses before decoding; carries the HTTP status and the metric reason. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly status: 400 | 413 | 415 | 429,
    readonly reason: 'body-too-large' | 'decompressed-too-large' | 'bad-compression' | 'unsupported-encoding' | 'body-read' | 'bytes-in-flight',
    message: string,
  ) {
    super(message);
  }
}

function budgetFull(lease: BodyLease): BodyError {
  lease.release();
  return new BodyError(429, 'bytes-in-flight', 'too many request bytes are being read at once; retry shortly');
}

/**
 * Reads the whole body within `limits.maxBytes`, then undoes `Content-Encoding` (gzip, deflate, identity) within
 * `limits.maxDecompressedBytes`. A declared Content-Length over the limit is refused before anything is read.
 */
export async function readBody(
  stream: Readable,
  headers: Record<string, string | string[] | undefined>,
  limits: BodyLimits,
  lease: BodyLease = UNLIMITED,
): Promise<Buffer> {
  const encoding = String(headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== '') {
    stream.resume();
    throw new BodyError(415, 'unsupported-encoding', `Content-Encoding "${encoding}" is not supported (use gzip, deflate or none)`);
  }
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    stream.resume();
    throw new BodyError(413, 'body-too-large', `request body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
  }
  const raw = await collect(stream, limits.maxBytes, lease);
  if (encoding === 'identity' || encoding === '') return raw;
  let inflated: Buffer;
  try {
    const inflateFn = encoding === 'deflate' ? inflateAsync : gunzipAsync;
    inflated = await inflateFn(raw, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new BodyError(413, 'decompressed-too-large', `request body decompresses to more than the ${limits.maxDecompressedBytes}-byte limit`);
    }
    throw new BodyError(400, 'bad-compression', `request body is not valid ${encoding} data: ${(error as Error).message}`);
  }
  if (!lease.take(inflated.length)) throw budgetFull(lease);
  return inflated;
}

const UNLIMITED: BodyLease = { take: () => true, release: () => undefined };

function collect(stream: Readable, maxBytes: number, lease: BodyLease): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      if (error) {
        stream.resume();
        reject(error);
      } else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) finish(new BodyError(413, 'body-too-large', `request body is over the ${maxBytes}-byte limit`));
      else if (!lease.take(chunk.length)) finish(budgetFull(lease));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish();
    const onError = (error: Error): void => finish(new BodyError(400, 'body-read', `request body could not be read: ${error.message}`));
    stream.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
