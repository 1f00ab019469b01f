import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/** The headless `anxin` command: ESM, dependencies left to node_modules. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node22',
    rollupOptions: {
      input: {
        cli: resolve(import.meta.dirname, 'electron/cli.ts'),
        // `anxin serve` runs imports and exports in this worker thread (electron/backend/).
        'job-worker': resolve(import.meta.dirname, 'electron/backend/job-worker.ts'),
        // `npm run bench`: the hub's services for bench/hub.mjs (not part of the app).
        'hub-bench': resolve(import.meta.dirname, 'bench/hub-entry.ts'),
      },
      output: {
        format: 'esm',
        entryFileNames: '[name].js',
        // dist/cli.js holds only the runtime guard; the CLI it then imports lives in chunks/.
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
      external: [
        ...builtinModules,
        ...builtinModules.map((m) => `node:${m}`),
        ...Object.keys(pkg.dependencies),
        /^zod/,
        /^exceljs/,
      ],
    },
  },
});
