import { defineConfig } from 'vite';

// Relative asset URLs: the query service serves the build under any --query.base-path and sets <base href> to it.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  worker: { format: 'es' },
  oxc: { jsx: { runtime: 'automatic' } },
});
