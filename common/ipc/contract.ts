// The one IPC contract between the renderer and main. Handlers in main, the preload allow-list and the
// renderer's types all derive from these two maps; the dispatcher validates every input against them.
import { z } from 'zod'
import { command } from './define'
import { deviceStatus } from '../devices'
import type { AppError, Result } from '../result'

export const locale = z.enum(['de', 'en'])
export type Locale = z.infer<typeof locale>

export const appInfo = z.object({
  name: z.literal('Tresen'),
  version: z.string(),
  demo: z.boolean(),
  locale,
  transport: z.enum(['electron', 'host', 'test']),
  startedAt: z.string(),
  shopName: z.string(),
})
export type AppInfo = z.infer<typeof appInfo>

const none = z.object({}).strict().default({})

export const commands = {
  'app.info': command(none, appInfo),
  'app.setLocale': command(z.object({ locale }).strict(), z.object({ locale })),
  'devices.status': command(none, z.array(deviceStatus)),
} as const

export const events = {
  'app.localeChanged': z.object({ locale }),
  'devices.status': deviceStatus,
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type EventName = keyof typeof events
export type CommandInput<C extends CommandName> = z.input<Commands[C]['input']>
export type CommandArgs<C extends CommandName> = z.output<Commands[C]['input']>
export type CommandOutput<C extends CommandName> = z.output<Commands[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** What the renderer sees as `window.pos`. */
export interface PosApi {
  invoke<C extends CommandName>(command: C, input?: CommandInput<C>): Promise<Result<CommandOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export type { AppError, Result }
