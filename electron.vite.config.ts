import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(import.meta.dirname, 'electron/main.ts'),
          // The services' utility process and its job worker threads (electron/backend/).
          utility: resolve(import.meta.dirname, 'electron/backend/utility.ts'),
          'job-worker': resolve(import.meta.dirname, 'electron/backend/job-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be a single CommonJS file.
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    build: {
      minify: true,
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          // The respondents' page the LAN station serves at /station/: no login, no staff API.
          station: resolve(import.meta.dirname, 'renderer/station.html'),
          // The district hub's page, served by `anxin hub serve` at /hub/.
          hub: resolve(import.meta.dirname, 'renderer/hub.html'),
        },
      },
    },
    plugins: [react()],
  },
});
