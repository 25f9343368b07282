import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

/**
 * Runs `work` with the caller's `Authorization` header remembered, so the storage clients it reaches can send it on
 * (`--query.bearer-token-propagation`, for clusters that authorise each user).
 */
export function withPropagatedAuthorization<T>(authorization: string | undefined, work: () => T): T {
  return authorization ? current.run(authorization, work) : work();
}

/** The `Authorization` header of the request being served, when its propagation was asked for. */
export function propagatedAuthorization(): string | undefined {
  return current.getStore();
}
