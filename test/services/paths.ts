import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/services/ itself. */
export const SERVICES_DIR = dirname(fileURLToPath(import.meta.url));
/** Resolved jars and compiled launchers: kept between runs (ignored by git). */
export const CACHE_DIR = join(SERVICES_DIR, '.cache');
/** Per-server state, data and logs of running servers (ignored by git). */
export const RUN_DIR = join(SERVICES_DIR, '.run');

export const serverRunDir = (name: string): string => join(RUN_DIR, name);
export const serverLibDir = (name: string): string => join(CACHE_DIR, name, 'lib');
