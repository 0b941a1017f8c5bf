// A production start carries no demo-only code: the secuconnect simulator (which approves every payment
// and has admin endpoints that rewrite cards) is reached from the entry points only through a dynamic
// import, so the bundler puts it into a chunk of its own that only demo mode loads. Checked by bundling
// both main entries with esbuild's code splitting — the same static/dynamic split electron-vite's
// rollup makes — and following every static import from the entry chunks.
import { describe, expect, it } from 'vitest'
import { build, type Metafile } from 'esbuild'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')

async function bundle(): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { host: 'main/host/cli.ts', index: 'main/index.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: 'out/bundle-check',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['electron', 'node-hid', 'serialport', '@serialport/*', 'usb'],
  })
  return result.metafile
}

/** Source files that load with an entry chunk: its own inputs and those of every chunk it imports statically. */
function staticInputs(meta: Metafile, entry: string): Set<string> {
  const inputs = new Set<string>()
  const seen = new Set<string>()
  const visit = (output: string): void => {
    if (seen.has(output)) return
    seen.add(output)
    const chunk = meta.outputs[output]
    for (const input of Object.keys(chunk.inputs)) inputs.add(input)
    for (const imp of chunk.imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path)
  }
  visit(entry)
  return inputs
}

describe('the production entry points', () => {
  it('do not load the simulator statically; it is a lazily imported chunk of its own', async () => {
    const meta = await bundle()
    // esbuild also marks each dynamically imported module as an entry; the two start files are ours.
    const entries = Object.entries(meta.outputs).filter(
      ([, o]) => o.entryPoint === 'main/host/cli.ts' || o.entryPoint === 'main/index.ts',
    )
    expect(entries).toHaveLength(2)
    for (const [output, { entryPoint }] of entries) {
      const loaded = [...staticInputs(meta, output)]
      expect(loaded.length, `${entryPoint} bundles main's code`).toBeGreaterThan(50)
      expect(
        loaded.filter((input) => input.startsWith('simulator/')),
        `${entryPoint} loads simulator code at start`,
      ).toEqual([])
    }
    // The simulator is still there for demo mode, behind a dynamic import.
    const simulatorChunk = Object.values(meta.outputs).find((o) => 'simulator/index.ts' in o.inputs)
    expect(simulatorChunk).toBeDefined()
  }, 60_000)
})
