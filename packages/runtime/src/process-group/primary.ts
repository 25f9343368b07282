import cluster, { type Worker } from 'node:cluster';
import { startAdminServer, type AdminServer } from '../admin-server.js';
import type { CheckResult } from '../health.js';
import type { Logger } from '../logger.js';
import { aggregateMetrics, Counter, createMetricsRegistry, Gauge, METRIC_PREFIX, type MetricsSnapshot } from '../metrics.js';
import type { HostPort } from '../parsers.js';
import { isToPrimary, PROCESS_NUMBER_ENV, type Addresses, type ToPrimary, type ToWorker } from './messages.js';

export interface ProcessGroupSettings {
  /** What the processes are, for messages: `collector`, `ingester`. */
  component: string;
  processes: number;
  adminHostPort: HostPort;
  /** How long a stop waits for the processes to drain (their shutdown timeout plus a grace period). */
  stopTimeoutMs: number;
  logger: Logger;
}

export interface ProcessGroupHandle {
  /** The listeners' addresses (every process listens on the same ones), as the first process reported them. */
  readonly addresses: Addresses;
  readonly admin: HostPort;
  /** SIGTERM to every process, then waits for them; resolves 0 when all drained and exited cleanly. */
  stop(): Promise<number>;
}

/** How long the primary waits for a process's metrics or readiness answer. */
const ANSWER_TIMEOUT_MS = 2_000;
/** A process that exits sooner than this after it started counts as failing fast, and its restart waits longer. */
const FAST_FAILURE_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

interface Slot {
  number: number;
  worker: Worker;
  startedAt: number;
  restartDelayMs: number;
  /** Set while the process is down and a new one is on its way. */
  down?: string;
}

/**
 * The primary of a group of processes running one command (`--collector.processes`, `--ingester.processes`): forks
 * them (they run the same command line and share its ports: the cluster module hands connections out round-robin and
 * shares UDP sockets), serves the admin port with their metrics added up and their readiness combined, restarts a
 * process that dies, and stops them all on `stop()`. A process that fails before it first starts fails the start.
 */
export async function startProcessGroup(settings: ProcessGroupSettings): Promise<ProcessGroupHandle> {
  const { logger, component } = settings;
  const registry = createMetricsRegistry();
  const restarts = new Counter({ name: `${METRIC_PREFIX}worker_process_restarts_total`, help: 'Processes of the group started again after one exited', registers: [registry] });
  const running = new Gauge({ name: `${METRIC_PREFIX}worker_processes`, help: 'Processes of the group running', registers: [registry] });
  const slots: Slot[] = [];
  let stopping = false;
  let nextRequestId = 0;
  const pending = new Map<number, (message: ToPrimary) => void>();

  const fork = (number: number): Worker => {
    const worker = cluster.fork({ [PROCESS_NUMBER_ENV]: String(number) });
    worker.on('message', (message: unknown) => {
      if (!isToPrimary(message) || message.skein === 'started') return;
      pending.get(message.id)?.(message);
    });
    return worker;
  };

  const ask = <K extends ToWorker['skein']>(worker: Worker, skein: K): Promise<Extract<ToPrimary, { skein: K }>> => {
    const id = nextRequestId++;
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        pending.delete(id);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`));
      }, ANSWER_TIMEOUT_MS);
      const onExit = (code: number | null, signal: string | null): void => {
        settle();
        reject(new Error(`exited (${signal ?? `code ${code}`})`));
      };
      worker.once('exit', onExit);
      pending.set(id, (message) => {
        settle();
        resolve(message as Extract<ToPrimary, { skein: K }>);
      });
      worker.send({ skein, id } satisfies ToWorker, (error: Error | null) => {
        if (error) onExit(worker.process.exitCode, worker.process.signalCode);
      });
    });
  };

  const started = (worker: Worker, number: number): Promise<Addresses> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (isToPrimary(message) && message.skein === 'started') {
          worker.off('exit', onExit);
          worker.off('message', onMessage);
          resolve(message.addresses);
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        worker.off('message', onMessage);
        reject(new Error(`${component} process ${number} exited (${signal ?? `code ${code}`}) before it started; its log lines above say why`));
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });

  const supervise = (slot: Slot): void => {
    slot.worker.once('exit', (code, signal) => {
      running.dec();
      if (stopping) return;
      const ranMs = Date.now() - slot.startedAt;
      slot.restartDelayMs = ranMs < FAST_FAILURE_MS ? Math.min(Math.max(slot.restartDelayMs * 2, 1_000), MAX_RESTART_DELAY_MS) : 1_000;
      slot.down = `exited (${signal ?? `code ${code}`}); starting again in ${slot.restartDelayMs} ms`;
      logger.error({ process: slot.number, code, signal, ranMs, restartInMs: slot.restartDelayMs }, `a ${component} process exited; starting another`);
      setTimeout(() => {
        if (stopping) return;
        restarts.inc();
        slot.worker = fork(slot.number);
        slot.startedAt = Date.now();
        running.inc();
        supervise(slot);
        started(slot.worker, slot.number).then(
          () => {
            slot.down = undefined;
            logger.info({ process: slot.number }, `${component} process started again`);
          },
          (error: unknown) => logger.error({ process: slot.number, err: error }, `a restarted ${component} process failed`),
        );
      }, slot.restartDelayMs).unref();
    });
  };

  let addresses: Addresses = {};
  try {
    for (let number = 1; number <= settings.processes; number++) {
      slots.push({ number, worker: fork(number), startedAt: Date.now(), restartDelayMs: 0 });
      running.inc();
    }
    const all = await Promise.all(slots.map((slot) => started(slot.worker, slot.number)));
    addresses = all[0]!;
  } catch (error) {
    stopping = true;
    for (const slot of slots) slot.worker.process.kill('SIGKILL');
    throw error;
  }
  for (const slot of slots) supervise(slot);

  const metrics = {
    contentType: registry.contentType,
    async metrics(): Promise<string> {
      const snapshots: MetricsSnapshot[] = [await registry.getMetricsAsJSON()];
      const answers = await Promise.allSettled(slots.filter((slot) => !slot.down).map((slot) => ask(slot.worker, 'metrics')));
      for (const answer of answers) if (answer.status === 'fulfilled') snapshots.push(answer.value.metrics);
      return aggregateMetrics(snapshots).metrics();
    },
  };
  const health = {
    async readiness(): Promise<{ ready: boolean; checks: CheckResult[] }> {
      const checks: CheckResult[] = [];
      await Promise.all(
        slots.map(async (slot) => {
          const name = `${component} process ${slot.number}`;
          if (slot.down) return void checks.push({ name, ok: false, error: slot.down, elapsedMs: 0 });
          try {
            const answer = await ask(slot.worker, 'readiness');
            for (const check of answer.checks) checks.push({ ...check, name: `${name}: ${check.name}` });
          } catch (error) {
            checks.push({ name, ok: false, error: (error as Error).message, elapsedMs: ANSWER_TIMEOUT_MS });
          }
        }),
      );
      if (stopping) checks.push({ name: 'shutdown', ok: false, error: 'shutting down', elapsedMs: 0 });
      checks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { ready: checks.every((check) => check.ok), checks };
    },
  };
  let admin: AdminServer;
  try {
    admin = await startAdminServer({ hostPort: settings.adminHostPort, metrics, health, logger });
  } catch (error) {
    stopping = true;
    for (const slot of slots) slot.worker.process.kill('SIGTERM');
    throw error;
  }
  logger.info({ processes: settings.processes, addresses }, `${component} started`);

  let stopped: Promise<number> | undefined;
  const stop = (): Promise<number> => {
    stopped ??= (async () => {
      stopping = true;
      const exits = slots.map(
        (slot) =>
          new Promise<number>((resolve) => {
            const worker = slot.worker;
            if (worker.isDead()) return resolve(slot.down ? 1 : (worker.process.exitCode ?? 1));
            const deadline = setTimeout(() => {
              logger.error({ process: slot.number, timeoutMs: settings.stopTimeoutMs }, `a ${component} process did not stop in time; killing it`);
              worker.process.kill('SIGKILL');
            }, settings.stopTimeoutMs);
            worker.once('exit', (code) => {
              clearTimeout(deadline);
              resolve(code ?? 1);
            });
            worker.process.kill('SIGTERM');
          }),
      );
      const codes = await Promise.all(exits);
      await admin.close();
      logger.info({ exitCodes: codes }, `${component} stopped`);
      return codes.every((code) => code === 0) ? 0 : 1;
    })();
    return stopped;
  };
  return { addresses, admin: admin.address, stop };
}
