import { useEffect, useState } from 'react';

export type AsyncState<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'failed'; error: Error };

/**
 * Runs `load` whenever `key` changes and keeps the latest answer; a stale answer (the key changed meanwhile) is
 * dropped and its request aborted. `key` undefined means "nothing to load" and leaves the state at loading.
 */
export function useAsync<T>(key: string | undefined, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T> & { key?: string }>({ status: 'loading' });
  useEffect(() => {
    if (key === undefined) return;
    const controller = new AbortController();
    setState({ status: 'loading', key });
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: 'done', value, key }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'failed', error: error as Error, key }),
    );
    return () => controller.abort();
    // `key` names everything `load` reads, so it alone decides when to load again.
  }, [key]);
  return state.key === key ? state : { status: 'loading' };
}
