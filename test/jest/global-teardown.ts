import { down } from '../services/manager.js';
import type { ServiceName } from '../services/registry.js';
import { STARTED_BY_SETUP_ENV } from './global-setup.js';

/** Stops only what the global setup started; servers started by `npm run services -- up` keep running. */
export default async function globalTeardown(): Promise<void> {
  const started = JSON.parse(process.env[STARTED_BY_SETUP_ENV] ?? '[]') as ServiceName[];
  await down(started, (line) => void process.stderr.write(`[services] ${line}\n`));
}
