import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * The directory the UI is served from: `configured` when given (it must hold an `index.html`), else the `@skein/ui`
 * package's `dist` when that package is installed and built, else undefined (the placeholder page is served).
 * @throws Error when `configured` is given but holds no built UI, so a typo fails at start-up, not in the browser.
 */
export function locateUiBuild(configured: string): string | undefined {
  if (configured !== '') {
    const dir = resolve(configured);
    if (!existsSync(join(dir, 'index.html'))) {
      throw new Error(`--query.static-files ${JSON.stringify(configured)}: no index.html in ${dir}`);
    }
    return dir;
  }
  try {
    const uiPackage = createRequire(import.meta.url).resolve('@skein/ui/package.json');
    const dist = join(dirname(uiPackage), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined; // the ui package is not installed
  }
}
