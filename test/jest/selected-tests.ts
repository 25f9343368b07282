import { readFileSync } from 'node:fs';
import { SERVICE_NAMES, type ServiceName } from '../services/registry.js';

/** Set by sequencer.cjs, which Jest runs before the global setup. */
const SELECTED_TESTS_ENV = 'SKEIN_SELECTED_TEST_FILES';

export function selectedTests(): string[] {
  const raw = process.env[SELECTED_TESTS_ENV];
  return raw ? (JSON.parse(raw) as string[]) : [];
}

const SERVICES_LINE = /^\s*(?:\/\/|\*)\s*@services\s+([a-z ,]+)$/m;

/**
 * The servers a test file declares, from a docblock line such as ` * @services kafka, opensearch`.
 * A name that is not a known server is an error, so a typo cannot silently leave a server unstarted.
 */
export function servicesDeclaredBy(path: string): ServiceName[] {
  const match = SERVICES_LINE.exec(readFileSync(path, 'utf8'));
  if (!match?.[1]) return [];
  return match[1]
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => {
      if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
        throw new Error(`${path}: @services names unknown server "${name}" (known: ${SERVICE_NAMES.join(', ')})`);
      }
      return name as ServiceName;
    });
}
