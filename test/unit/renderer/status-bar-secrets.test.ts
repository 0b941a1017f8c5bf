// The status bar tells the cashier when the API secrets are not in a real key store: always for
// Electron's basic_text fallback, and for memory-only storage outside demo mode.
import { describe, expect, it } from 'vitest'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { StatusBar } from '../../../renderer/src/app/StatusBar'
import { PosProvider } from '../../../renderer/src/platform/api'
import { setupI18n } from '../../../renderer/src/i18n'
import type { PosApi } from '../../../common/ipc/contract'

setupI18n('de')

const idleApi = {
  invoke: () => new Promise(() => {}),
  on: () => () => {},
} as unknown as PosApi

function bar(props: Parameters<typeof StatusBar>[0]): string {
  return renderToStaticMarkup(
    createElement(PosProvider, { api: idleApi, children: createElement(StatusBar, props) }),
  )
}

describe('status bar: where the secrets are kept', () => {
  it('warns about a key store that only obfuscates (basic_text), even in demo mode', () => {
    for (const demo of [false, true]) {
      const html = bar({ demo, secretStorage: 'weak-key-store' })
      expect(html).toContain('data-kind="secrets"')
      expect(html).toContain('Schlüsselbund fehlt')
    }
  })

  it('warns about memory-only secrets outside demo mode, and says nothing for an OS key store', () => {
    expect(bar({ demo: false, secretStorage: 'memory' })).toContain('nach Neustart neu koppeln')
    expect(bar({ demo: true, secretStorage: 'memory' })).not.toContain('data-kind="secrets"')
    expect(bar({ demo: false, secretStorage: 'os-key-store' })).not.toContain('data-kind="secrets"')
  })
})
