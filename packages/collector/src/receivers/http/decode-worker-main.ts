import { parentPort } from 'node:worker_threads';
import { codecByName, DecodeError } from '@skein/codecs';

/** The decode thread of {@link DecodeOffload}: one request at a time, the answer or the decoder's refusal back. */
const port = parentPort;
if (!port) throw new Error('decode-worker-main.js runs only as a worker thread');
port.on('message', (request: { id: number; codec: string; body: Uint8Array }) => {
  try {
    port.postMessage({ id: request.id, ok: true, batch: codecByName(request.codec).decode(request.body) });
  } catch (error) {
    const refusal = error instanceof DecodeError ? { format: error.format, detail: error.detail, location: error.location } : undefined;
    port.postMessage({ id: request.id, ok: false, refusal, message: error instanceof Error ? error.message : String(error) });
  }
});
