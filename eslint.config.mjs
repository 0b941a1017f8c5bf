// Lint enforces the process boundaries: the renderer never reaches Node, main or the hardware layer;
// common/ stays pure (an allow-list: zod and itself); only main/electron/**, main/index.ts and preload/index.ts may import Electron.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'events',
  'url',
  'util',
  'zlib',
  'tty',
  'dgram',
  'worker_threads',
]
const electronOnly = {
  group: ['electron', 'electron/*'],
  message: 'Only main/electron/**, main/index.ts and preload/index.ts may import Electron.',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'bench-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [electronOnly] }],
    },
  },
  {
    files: [
      'main/electron/**/*.ts',
      'main/index.ts',
      'preload/index.ts',
      'test/stubs/**',
      'test/unit/electron/**',
      'test/security/electron-shell.security.test.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  // common/ is pure TypeScript shared by every process: an allow-list, not a deny-list. It may import
  // zod and itself (a relative path that stays inside common/), nothing else.
  ...[
    { files: ['common/*.ts'], inside: '\\./' },
    { files: ['common/*/*.ts'], inside: '\\./|\\.\\./(?!\\.\\./)' },
  ].map(({ files, inside }) => ({
    files,
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?!zod$|${inside}).*`,
              message: 'common/ imports nothing but zod and itself (allow-list).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'require',
        '__dirname',
        'fetch',
      ],
    },
  })),
  {
    files: ['common/**/*.ts'],
    ignores: ['common/*.ts', 'common/*/*.ts'],
    rules: {
      // Deeper folders are not expected; should one appear, it must be added to the allow-list above.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '.*', message: 'add this folder to the common/ allow-list' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronOnly,
            { group: nodeBuiltins, message: 'The renderer is a view: no Node API.' },
            {
              group: ['**/main/**', '**/hardware/**', '**/simulator/**', 'serialport', 'node-hid', 'ws'],
              message: 'The renderer talks to main only through the IPC contract (common/).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['preload/core.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*'],
              message: 'preload/core.ts is self-contained (it is injected into pages as source).',
            },
          ],
        },
      ],
    },
  },
)
