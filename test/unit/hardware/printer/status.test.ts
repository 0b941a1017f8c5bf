import { describe, expect, it } from 'vitest'
import { interpretStatus, isStatusReply } from '../../../../hardware/printer/status'
import { EscPosEmulator } from '../../../../hardware/virtual/escpos-emulator'

describe('DLE EOT status', () => {
  it('recognises replies by their fixed bits and rejects XON/XOFF and ASB bytes', () => {
    expect(isStatusReply(0x12)).toBe(true)
    expect(isStatusReply(0x16)).toBe(true)
    expect(isStatusReply(0x7e)).toBe(true)
    expect(isStatusReply(0x11)).toBe(false) // XON
    expect(isStatusReply(0x13)).toBe(false) // XOFF
    expect(isStatusReply(0x10)).toBe(false) // ASB first byte pattern 0xx1xx00
    expect(isStatusReply(0x92)).toBe(false)
  })

  it.each([
    [{ printer: null, offlineCause: null, paper: null }, 'offline', true],
    [{ printer: 0x12, offlineCause: 0x12, paper: 0x12 }, 'connected', false],
    [{ printer: 0x1a, offlineCause: 0x16, paper: 0x12 }, 'cover-open', true],
    [{ printer: 0x1a, offlineCause: 0x32, paper: 0x7e }, 'paper-out', true],
    [{ printer: 0x12, offlineCause: 0x12, paper: 0x72 }, 'paper-out', true],
    [{ printer: 0x1a, offlineCause: 0x52, paper: 0x12 }, 'error', true],
    [{ printer: 0x1a, offlineCause: null, paper: null }, 'offline', true],
    [{ printer: 0x12, offlineCause: 0x12, paper: 0x1e }, 'paper-low', false],
  ] as const)('%o → %s', (report, state, blocking) => {
    expect(interpretStatus(report)).toMatchObject({ state, blocking })
  })

  it('reads the drawer pin from DLE EOT 1 bit 2', () => {
    expect(interpretStatus({ printer: 0x16, offlineCause: 0x12, paper: 0x12 }).drawerPinHigh).toBe(true)
    expect(interpretStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x12 }).drawerPinHigh).toBe(false)
    expect(interpretStatus({ printer: null, offlineCause: null, paper: null }).drawerPinHigh).toBeNull()
  })

  it('the emulator answers with bytes the parser maps back to its state', () => {
    const e = new EscPosEmulator()
    const report = () => ({ printer: e.statusByte(1), offlineCause: e.statusByte(2), paper: e.statusByte(4) })
    expect(e.statusByte(1)).toBe(0x12)
    for (const [patch, state] of [
      [{ coverOpen: true }, 'cover-open'],
      [{ coverOpen: false, paperOut: true }, 'paper-out'],
      [{ paperOut: false, paperLow: true }, 'paper-low'],
      [{ paperLow: false, offline: true }, 'error'],
      [{ offline: false }, 'connected'],
    ] as const) {
      e.set(patch)
      expect(interpretStatus(report()).state).toBe(state)
      for (const n of [1, 2, 4]) expect(isStatusReply(e.statusByte(n))).toBe(true)
    }
  })
})
