import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// `electron` is aliased to a recording stub: an unmocked import would try to download the binary.
const alias = { electron: resolve(__dirname, 'test/stubs/electron.ts') }

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'test/unit/**/*.test.ts',
            'test/integration/**/*.test.ts',
            // Cross-cutting suites (fuzz, security, faults): short variants, long ones with TRESEN_LONG=1.
            'test/fuzz/**/*.test.ts',
            'test/security/**/*.test.ts',
            'test/faults/**/*.test.ts',
          ],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Kill -9 and soak runs against the built host process; built like e2e.
          name: 'stress',
          environment: 'node',
          include: ['test/chaos/**/*.test.ts', 'test/soak/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
})
