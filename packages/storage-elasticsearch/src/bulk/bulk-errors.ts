import { StorageError } from '@skein/storage';

/** Why one document was not written. */
export interface BulkFailure {
  /** What the document is, e.g. `span 0af7…/00f0…` or `service frontend/GET /`. */
  description: string;
  index: string;
  /** Undefined for a document the cluster names itself (trace locations). */
  id: string | undefined;
  status: number;
  errorType: string;
  reason: string;
  /** False for failures that will recur (mapping conflicts); true when retries ran out or the request failed. */
  retryable: boolean;
}

const SHOWN_FAILURES = 3;

/** Some documents of a write were not stored; `failures` says which and why. Retrying the batch is safe. */
export class BulkWriteError extends StorageError {
  override readonly name = 'BulkWriteError';

  constructor(
    readonly failures: readonly BulkFailure[],
    readonly total: number,
  ) {
    const shown = failures.slice(0, SHOWN_FAILURES).map(
      (f) => `${f.description} into index ${f.index} (id ${f.id ?? 'generated'}): HTTP ${f.status} ${f.errorType}: ${f.reason}${f.retryable ? ' [retries exhausted]' : ''}`,
    );
    const more = failures.length > SHOWN_FAILURES ? `; and ${failures.length - SHOWN_FAILURES} more` : '';
    super(`${failures.length} of ${total} documents were not written: ${shown.join('; ')}${more}`);
  }

  /** Whether every failure may go away on a later attempt (the caller may retry; none is a mapping conflict). */
  get retryable(): boolean {
    return this.failures.every((f) => f.retryable);
  }
}
