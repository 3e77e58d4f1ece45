// electron-vite: one config per process. main bundles the Electron entry, the dealias worker, the
// browser-mode server and the CLI (all plain Node except the Electron entry); the preload is one
// CommonJS file that imports only `electron` (sandbox-safe); the renderer is the Vue app.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/electron/main.ts'),
          'dealias-worker': resolve(root, 'main/workers/dealias-worker.ts'),
          web: resolve(root, 'main/web/main.ts'),
          cli: resolve(root, 'main/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
