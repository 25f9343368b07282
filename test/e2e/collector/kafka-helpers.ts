import type { Span } from '@skein/model';
import type { ManagedSpanWriter } from '@skein/collector';
export { readTopic } from '../kafka-topic-reader.js';

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The real writer behind a switch: while `failing`, writes fail like an unreachable broker. */
export class FlakyWriter implements ManagedSpanWriter {
  readonly backend = 'kafka';
  failing = false;
  failures = 0;
  readonly writer = {
    writeSpans: async (spans: readonly Span[]): Promise<void> => {
      if (this.failing) {
        this.failures += 1;
        throw Object.assign(new Error('simulated broker outage'), { kind: 'retryable', reason: 'broker-unavailable' });
      }
      return this.real.writer.writeSpans(spans);
    },
  };

  constructor(private readonly real: ManagedSpanWriter) {}

  checkReady(): Promise<void> {
    return this.failing ? Promise.reject(new Error('simulated broker outage')) : this.real.checkReady();
  }

  close(): Promise<void> {
    return this.real.close();
  }
}
