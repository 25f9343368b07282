import { down, up } from '../services/manager.js';
import { type ServiceName, SERVICE_NAMES } from '../services/registry.js';
import { selectedTests, servicesDeclaredBy } from './selected-tests.js';

/** Servers this setup started itself; the teardown stops exactly these. */
export const STARTED_BY_SETUP_ENV = 'SKEIN_SERVICES_STARTED_BY_SETUP';

/**
 * Starts the servers that the selected integration and end-to-end tests declare with `@services`, or uses the
 * ones whose addresses the environment already gives. A server that cannot be had fails the whole run.
 */
export default async function globalSetup(): Promise<void> {
  const declared = new Set<ServiceName>(selectedTests().flatMap((path) => servicesDeclaredBy(path)));
  const needed = SERVICE_NAMES.filter((name) => declared.has(name));
  if (needed.length === 0) return;
  const log = (line: string): void => void process.stderr.write(`[services] ${line}\n`);
  log(`needed by the selected tests: ${needed.join(', ')}`);
  const startedHere: ServiceName[] = [];
  try {
    for (const name of needed) {
      const [server] = await up([name], log);
      if (!server) throw new Error(`services: ${name} did not start`);
      process.env[server.addressEnv] = server.address;
      if (server.origin === 'started') startedHere.push(name);
      log(`${server.addressEnv}=${server.address} (${server.origin})`);
    }
  } catch (error) {
    await down(startedHere, log);
    throw error;
  }
  process.env[STARTED_BY_SETUP_ENV] = JSON.stringify(startedHere);
}
