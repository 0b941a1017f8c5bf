// A settings change that cannot be saved does not go live either: memory and file never disagree.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { open, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSettingsService } from '../../../main/settings/settings-service'
import { createEventBus, type EventMessage } from '../../../main/ipc/event-bus'
import { createDeviceManager } from '../../../hardware/manager/device-manager'
import { demoConfig } from '../../../common/config'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createDispatcher } from '../../../main/ipc/dispatcher'
import type { Handlers } from '../../../main/ipc/dispatcher'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('settings service', () => {
  it('keeps the old settings live when the file cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tresen-settings-svc-'))
    dirs.push(dir)
    const file = join(dir, 'config.json')
    writeFileSync(file, '{"demo": true}')
    const logger = memoryLogger()
    const clock = manualClock()
    const events = createEventBus(logger)
    const published: EventMessage[] = []
    events.subscribe((m) => published.push(m))
    const devices = createDeviceManager({ config: {}, clock, logger })
    const config = demoConfig()
    const changes: string[][] = []
    const settings = createSettingsService({
      config,
      configPath: file,
      devices,
      authorizeManager: () => ({ id: 'chefin' }),
      events,
      clock,
      logger,
      writeOps: {
        open,
        unlink,
        rename: async () =>
          Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })),
      },
    })
    settings.onChange((_, changed) => changes.push(changed))
    const dispatch = createDispatcher(settings.handlers as unknown as Handlers, logger)

    expect(await dispatch('settings.update', { locale: 'en', receiptPolicy: 'always' })).toMatchObject({
      ok: false,
      error: { messageKey: 'settings.error.saveFailed' },
    })
    expect(settings.current()).toMatchObject({ locale: 'de', receipt: { policy: 'ask' } })
    expect(readFileSync(file, 'utf8')).toBe('{"demo": true}')
    expect(published.filter((m) => m.type === 'settings.changed')).toEqual([])
    expect(changes).toEqual([])

    // The same values again are no change at all: nothing to save, nothing to announce.
    expect(await dispatch('settings.update', { locale: 'de' })).toMatchObject({
      ok: true,
      value: { locale: 'de' },
    })
    await devices.close()
  })
})
