import type { HealthRegistry } from '../health.js';
import type { Registry } from '../metrics.js';
import { isToWorker, type Addresses, type ToPrimary } from './messages.js';

/** What a started process of a group shows its primary. */
export interface GroupMember {
  readonly registry: Registry;
  readonly health: Pick<HealthRegistry, 'readiness'>;
  readonly addresses?: Addresses;
}

/**
 * A process's side of its primary's IPC channel: reports its addresses once started, answers requests for its metrics
 * and readiness, and stops (as on SIGTERM) if the primary goes away. Returns what to call once the process has stopped.
 */
export function serveGroupPrimary(handle: GroupMember): () => void {
  const send = (message: ToPrimary): void => {
    if (process.connected) process.send!(message);
  };
  process.on('message', (message: unknown) => {
    if (!isToWorker(message)) return;
    const answer =
      message.skein === 'metrics'
        ? handle.registry.getMetricsAsJSON().then((metrics) => send({ skein: 'metrics', id: message.id, metrics }))
        : handle.health.readiness().then(({ ready, checks }) => send({ skein: 'readiness', id: message.id, ready, checks }));
    answer.catch((error: unknown) => process.emitWarning(`process of a group: answering the primary's ${message.skein} request failed: ${String(error)}`));
  });
  // Without a primary nobody serves /readyz or restarts anything: drain and stop like on SIGTERM.
  const orphaned = (): void => void process.kill(process.pid, 'SIGTERM');
  process.once('disconnect', orphaned);
  send({ skein: 'started', addresses: { ...(handle.addresses ?? {}) } });
  // Once stopped, the channel is closed so that nothing keeps the process alive.
  return () => {
    process.off('disconnect', orphaned);
    if (process.connected) process.disconnect();
  };
}
