#!/usr/bin/env node
// The `skein` command. Kept outside dist/ so npm links it on install, before anything is built.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+: V8 keeps the compiled code of Skein and its dependencies between runs (NODE_COMPILE_CACHE, or a
// folder in the system's temp dir), so a process starts without compiling them again; absent on older Node.
module.enableCompileCache?.();

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('skein is not built yet: run `npm run build` at the repository root first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
