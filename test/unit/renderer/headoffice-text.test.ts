// The head office page's own texts (renderer/src/headoffice/text.ts): every German text has its English
// one, and the till's master data version reads as the head office needs it.
import { describe, expect, it } from 'vitest'
import { HEAD_OFFICE_TEXT } from '../../../renderer/src/headoffice/text'

describe('head office texts', () => {
  it('has the same keys in German and English', () => {
    expect(Object.keys(HEAD_OFFICE_TEXT.en).sort()).toEqual(Object.keys(HEAD_OFFICE_TEXT.de).sort())
  })

  it('names the version a till runs and the newer one it has not applied yet', () => {
    const { de, en } = HEAD_OFFICE_TEXT
    expect(de.tillVersion(null, 3)).toBe('–')
    expect(de.tillVersion(3, 3)).toBe('Version 3')
    expect(de.tillVersion(2, 3)).toBe('Version 2 (neu: 3)')
    expect(en.tillVersion(2, 3)).toBe('version 2 (new: 3)')
    expect(de.lagText(0, 0)).toBe('aktuell')
    expect(de.lagText(12, 4)).toBe('12 Zeilen, 4 s')
  })
})
