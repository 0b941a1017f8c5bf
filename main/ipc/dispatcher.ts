// The pure dispatcher every transport calls: unknown channel → UNKNOWN_COMMAND, invalid input →
// VALIDATION with field issues, a handler's AppFailure → that error, anything else thrown → INTERNAL
// (logged). It never throws, whatever the renderer sends.
import { type z } from 'zod'
import { commands, type CommandArgs, type CommandName, type CommandOutput } from '../../common/ipc/contract'
import { AppFailure, fail, ok, type Result } from '../../common/result'
import type { Logger } from '../../common/ports'

export type Handlers = {
  [C in CommandName]: (input: CommandArgs<C>) => Promise<CommandOutput<C>> | CommandOutput<C>
}

export type Dispatch = (channel: string, raw: unknown) => Promise<Result<unknown>>

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }))
}

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, raw) => {
    if (typeof channel !== 'string' || !Object.hasOwn(commands, channel)) {
      // String(channel) would throw for an object with a non-callable toString; never stringify what is no string.
      const shown = typeof channel === 'string' ? channel.slice(0, 80) : `(${typeof channel})`
      return fail('UNKNOWN_COMMAND', 'error.unknownCommand', `Unknown command: ${shown}`)
    }
    const name = channel as CommandName
    const parsed = commands[name].input.safeParse(raw === undefined || raw === null ? {} : raw)
    if (!parsed.success) {
      const issues = issuesOf(parsed.error)
      logger.log('warn', 'ipc.invalid-input', { command: name, issues })
      return fail('VALIDATION', 'error.validation', `Invalid input for ${name}`, { issues })
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      return ok(value)
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.error }
      logger.log('error', 'ipc.handler-failed', {
        command: name,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
      return fail('INTERNAL', 'error.internal', 'Internal error; details are in the log')
    }
  }
}
