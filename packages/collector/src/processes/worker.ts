import type { CollectorHandle } from '../collector.js';
import { isToWorker, type ToPrimary } from './messages.js';

/**
 * The collector process's side of the primary's IPC channel: reports its addresses once started, answers requests for
 * its metrics and readiness, and stops (as on SIGTERM) if the primary goes away. Returns what to call once the
 * collector has stopped.
 */
export function serveCollectorPrimary(handle: CollectorHandle): () => void {
  const send = (message: ToPrimary): void => {
    if (process.connected) process.send!(message);
  };
  process.on('message', (message: unknown) => {
    if (!isToWorker(message)) return;
    const answer =
      message.skein === 'metrics'
        ? handle.registry.getMetricsAsJSON().then((metrics) => send({ skein: 'metrics', id: message.id, metrics }))
        : handle.health.readiness().then(({ ready, checks }) => send({ skein: 'readiness', id: message.id, ready, checks }));
    answer.catch((error: unknown) => process.emitWarning(`collector process: answering the primary's ${message.skein} request failed: ${String(error)}`));
  });
  // Without a primary nobody serves /readyz or restarts anything: drain and stop like on SIGTERM.
  const orphaned = (): void => void process.kill(process.pid, 'SIGTERM');
  process.once('disconnect', orphaned);
  send({ skein: 'started', addresses: { ...handle.addresses } });
  // Once stopped, the channel is closed so that nothing keeps the process alive.
  return () => {
    process.off('disconnect', orphaned);
    if (process.connected) process.disconnect();
  };
}
