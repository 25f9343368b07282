import vm from 'node:vm';

/** Raised when `runWithin` stopped the work at its time limit. */
export class TimeLimitError extends Error {
  override readonly name = 'TimeLimitError';
}

// One context for every run: the script only calls the job it is handed, so nothing leaks between runs.
const context = vm.createContext({ job: undefined as (() => unknown) | undefined });
const script = new vm.Script('job()');

/**
 * Runs synchronous `work` and stops it after `limitMs`, even inside a regular expression that backtracks
 * exponentially (V8 interrupts it), so a caller-supplied pattern cannot hold the event loop longer than that.
 * @throws TimeLimitError when the limit is reached; whatever `work` throws otherwise.
 */
export function runWithin<T>(limitMs: number, work: () => T): T {
  context['job'] = work;
  try {
    return script.runInContext(context, { timeout: limitMs }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeLimitError(`stopped after ${limitMs} ms`);
    throw error;
  } finally {
    context['job'] = undefined;
  }
}
