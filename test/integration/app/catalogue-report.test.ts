// A catalogue with bad rows starts (the good rows sell) and the back office gets the report through the
// contract: each left-out row with its row number and reason, not only a log line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appConfig } from '../../../common/config'
import { importReport } from '../../../common/catalog'
import { catalogReportDe, catalogReportEn } from '../../../renderer/src/backoffice/catalog-messages'
import { createTestApp, type TestApp } from '../../helpers/test-app'

let dir: string
let test: TestApp | undefined
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tresen-catalogue-report-'))))
afterEach(async () => {
  await test?.dispose()
  test = undefined
  rmSync(dir, { recursive: true, force: true })
})

const CSV = [
  'name;price;vatRate;category;farbe2',
  'Brötchen;0,45;7;Brot',
  'Laugenbrezel;zwei Euro;7;Brot',
  'Kaffee;2,20;16;Getränke',
  'Apfelkuchen;2,80;7;Kuchen',
].join('\n')

describe('catalog.report', () => {
  it('lists every left-out row with its row number and reason, next to what was imported', async () => {
    const catalog = join(dir, 'artikel.csv')
    writeFileSync(catalog, CSV)
    test = await createTestApp({ config: appConfig.parse({ demo: true, catalog }) })
    const result = await test.app.dispatch('catalog.report', {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const report = importReport.parse(result.value)
    expect(report).toMatchObject({ source: catalog, format: 'csv', rowsRead: 4, productsImported: 2 })
    expect(report.problems.map((p) => [p.row, p.field, p.messageKey])).toEqual([
      [1, 'farbe2', 'catalog.import.unknownColumn'],
      [3, 'price', 'catalog.import.invalid'],
      [4, 'vatRate', 'catalog.import.invalid'],
    ])
    expect(report.problems[1].problem).toContain('2,50')
    // The good rows are on sale.
    const products = await test.app.dispatch('catalog.get', {})
    if (!products.ok) throw new Error('catalog.get failed')
    const names = (products.value as { products: { name: string }[] }).products.map((p) => p.name)
    expect(names).toEqual(['Brötchen', 'Apfelkuchen'])
  })

  it('reports the demo catalogue as built in, without problems', async () => {
    test = await createTestApp()
    const result = await test.app.dispatch('catalog.report', {})
    expect(result).toMatchObject({ ok: true, value: { format: 'builtin', problems: [] } })
  })

  it('has a German and an English reason for every catalog.import key main sends', () => {
    const root = join(__dirname, '..', '..', '..', 'main', 'catalog')
    const keys = new Set<string>()
    for (const file of readdirSync(root)) {
      if (!statSync(join(root, file)).isFile()) continue
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(/'catalog\.import\.([a-zA-Z]+)'/g))
        keys.add(m[1])
    }
    expect(keys.size).toBeGreaterThan(3)
    for (const key of keys) {
      expect(catalogReportDe.reasons, key).toHaveProperty(key)
      expect(catalogReportEn.reasons, key).toHaveProperty(key)
    }
  })
})
