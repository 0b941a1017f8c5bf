// Building blocks of the IPC contract. Every payload is JSON-safe (integer cents, ISO strings), so the
// Electron IPC, the browser host's WebSocket and the test transport carry it identically.
import { type z } from 'zod'

export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export const command = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): CommandSpec<I, O> => ({
  input,
  output,
})
