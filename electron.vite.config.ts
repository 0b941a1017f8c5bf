import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { withContentSecurityPolicy } from './common/csp'

// Main and preload are emitted as CommonJS (no "type": "module") so the preload can stay sandboxed.
// Only the native drivers (package.json "dependencies") stay external; everything else is bundled.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          host: resolve(__dirname, 'main/host/cli.ts'),
          central: resolve(__dirname, 'headoffice/cli.ts'),
          // The DSFinV-K export runs in a worker thread (main/fiscal-export/run-export.ts).
          'dsfinvk-worker': resolve(__dirname, 'main/fiscal-export/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [
      react(),
      // One CSP (common/csp.ts) for the host's header, Electron's app:// header and both pages' meta tag.
      { name: 'tresen-csp', transformIndexHtml: { order: 'pre', handler: withContentSecurityPolicy } },
    ],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Never ship source maps with the renderer: the host would have nothing to serve, by construction.
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          display: resolve(__dirname, 'renderer/display.html'),
          headoffice: resolve(__dirname, 'renderer/headoffice.html'),
        },
      },
    },
  },
})
