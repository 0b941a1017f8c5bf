import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock, memoryLogger } from '../../../common/ports'
import { AppFailure } from '../../../common/result'
import { createFiscalExportService } from '../../../main/fiscal-export/service'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'
import { demoDay, MASTER } from '../../helpers/fiscal-day'
import { failureOf, tempDir, testJournal } from '../journal/helpers'

let tmp: ReturnType<typeof tempDir>
const clock = manualClock(Date.UTC(2026, 11, 5, 6, 0, 0))
const manager = { id: 'chef', name: 'Chefin', role: 'manager' as const, pin: '1234' }
function service(options: { tar?: () => Promise<Uint8Array> } = {}) {
  return createFiscalExportService({
    config: {
      tillId: MASTER.tillId,
      shop: { ...MASTER.shop, address: [...MASTER.shop.address], footer: [] },
    },
    dataDir: tmp.dir,
    authorizeManager: (pin) => {
      if (pin !== '1234') throw AppFailure.of('FORBIDDEN', 'register.error.managerRequired', 'manager needed')
      return manager as never
    },
    clock,
    logger: memoryLogger(),
    version: '0.1.0',
    ...(options.tar ? { tse: { exportTar: options.tar } } : {}),
    tseInfo: () => ({ serial: 'ab12', type: 'Cloud-TSE (fiskaly SIGN DE)', certificateId: 'CERT-1' }),
  })
}

beforeEach(() => {
  tmp = tempDir()
  const { journal } = testJournal(tmp.dir, clock)
  demoDay(journal, clock)
  journal.close()
})
afterEach(() => tmp.cleanup())

describe('back office: DSFinV-K export and registration data', () => {
  it('offers the Z range and exports it with the TSE TAR into the chosen folder, for a manager only', async () => {
    const { handlers } = service({ tar: async () => new Uint8Array([1, 2, 3]) })
    const info = await handlers['fiscal.info']()
    expect(info.closings).toMatchObject({ first: 1, last: 1 })
    const usb = join(tmp.dir, 'usb')
    await expect(
      handlers['fiscal.exportDsfinvk']({ fromZ: 1, toZ: 1, folder: usb, managerPin: '0000' }),
    ).rejects.toThrow('manager needed')
    const result = await handlers['fiscal.exportDsfinvk']({
      fromZ: 1,
      toZ: 1,
      folder: usb,
      managerPin: '1234',
    })
    expect(result).toMatchObject({ tseTar: 'included', transactions: 10, warnings: [] })
    expect(result.file.startsWith(usb)).toBe(true)
    const check = await checkDsfinvk(result.file)
    expect(check.errors).toEqual([])
    expect(check.raw.get('tse/tse-export.tar')).toEqual(Buffer.from([1, 2, 3]))
  })

  it('refuses a relative folder and a range without closings with clear keys', async () => {
    const { handlers } = service()
    const relative = await handlers['fiscal.exportDsfinvk']({
      fromZ: 1,
      toZ: 1,
      folder: 'usb',
      managerPin: '1234',
    }).catch((e: unknown) => e)
    expect(
      failureOf(() => {
        throw relative
      }),
    ).toMatchObject({ messageKey: 'fiscal.error.folderNotAbsolute' })
    const none = await handlers['fiscal.exportDsfinvk']({
      fromZ: 7,
      toZ: 8,
      folder: join(tmp.dir, 'x'),
      managerPin: '1234',
    }).catch((e: unknown) => e)
    expect(
      failureOf(() => {
        throw none
      }),
    ).toMatchObject({ messageKey: 'fiscal.error.noClosings', params: { fromZ: 7, toZ: 8 } })
  })

  it('shows every § 146a datum, keeps what the manager enters and writes it as a file', async () => {
    const { handlers } = service()
    const info = await handlers['fiscal.info']()
    expect(info.registration).toMatchObject({
      tillSerial: 'TRESEN-0001',
      software: 'Tresen',
      softwareVersion: '0.1.0',
      companyName: 'Bäckerei Demo',
      taxNumber: '12/345/67890',
      location: 'Bäckerei Demo, Hauptstraße 1, 12345 Musterstadt',
      firstSaleDay: '2026-12-05',
      tseSerial: 'ab12',
      tseType: 'Cloud-TSE (fiskaly SIGN DE)',
      tseCertificateId: 'CERT-1',
    })
    const saved = await handlers['fiscal.saveRegistration']({
      data: {
        acquisitionDate: '2026-11-30',
        startOfUse: '',
        manufacturer: 'Acme',
        model: 'Touch 15',
        bsiCertification: 'BSI-K-TR-0490-2021',
        tseStartOfUse: '2026-12-01',
        decommissionDate: '',
        decommissionReason: '',
      },
      managerPin: '1234',
    })
    expect(saved).toMatchObject({ acquisitionDate: '2026-11-30', manufacturer: 'Acme' })
    expect((await service().handlers['fiscal.info']()).registration.model).toBe('Touch 15')
    const { file } = await handlers['fiscal.exportRegistration']({
      folder: join(tmp.dir, 'usb'),
      managerPin: '1234',
    })
    expect(existsSync(file)).toBe(true)
    const csv = readFileSync(file, 'utf8')
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining([
        '"SeriennummerAS";"Seriennummer des Aufzeichnungssystems (= TSE-Client-ID, Z_KASSE_ID)";"TRESEN-0001"',
        '"AnschaffungAS";"Anschaffung";"30.11.2026"',
        '"InbetriebnahmeAS";"Inbetriebnahme";"05.12.2026"',
        '"SeriennummerTSE";"Seriennummer der TSE";"ab12"',
        '"BSIID";"BSI-Zertifizierungs-ID (Teil nach ""BSI-K-TR-"")";"0490-2021"',
        '"InbetriebnahmeTSE";"Inbetriebnahme der TSE";"01.12.2026"',
        '"SoftwareVersion";"Softwareversion";"0.1.0"',
      ]),
    )
  })
})
