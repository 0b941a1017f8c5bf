// Hooks every screen uses to talk to main: a command with pending state and a translated error, events,
// and state that is fetched on mount and kept live by an event (so a reload loses nothing).
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayload,
} from '../../../common/ipc/contract'
import type { AppError, Result } from '../../../common/result'
import { usePos, usePosEvent } from '../platform/api'
import { translateError } from './errors'
import { useLocale } from './money'

export { usePos } from '../platform/api'
/** Subscribes to a main-process event for the component's lifetime. */
export const useEvent = usePosEvent

export interface CommandState<C extends CommandName> {
  /** Runs the command; resolves with its Result (never throws). */
  run: (input?: CommandInput<C>) => Promise<Result<CommandOutput<C>>>
  pending: boolean
  /** The last failure, translated; null after a success or `clearError`. */
  error: string | null
  errorDetail: AppError | null
  clearError: () => void
}

export interface CommandOptions {
  /** Called with the translated text of a failure (e.g. a toast). */
  onError?: (text: string, error: AppError) => void
  /**
   * No pending or error state: the caller shows neither (a product tap, whose result arrives as the
   * basket's event), so running it re-renders nothing — one React render less on every tap.
   */
  stateless?: boolean
}

export function useCommand<C extends CommandName>(name: C, options: CommandOptions = {}): CommandState<C> {
  const pos = usePos()
  const { t } = useTranslation()
  const locale = useLocale()
  const [inFlight, setInFlight] = useState(0)
  const [errorDetail, setErrorDetail] = useState<AppError | null>(null)
  const onError = useRef(options.onError)
  useEffect(() => {
    onError.current = options.onError
  })
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const stateless = options.stateless === true
  const run = useCallback(
    async (input?: CommandInput<C>) => {
      if (!stateless) setInFlight((n) => n + 1)
      try {
        const result = await pos.invoke(name, input)
        if (mounted.current) {
          if (result.ok) {
            if (!stateless) setErrorDetail(null)
          } else {
            if (!stateless) setErrorDetail(result.error)
            onError.current?.(translateError(t, locale, result.error), result.error)
          }
        }
        return result
      } finally {
        if (mounted.current && !stateless) setInFlight((n) => n - 1)
      }
    },
    [pos, name, t, locale, stateless],
  )
  const clearError = useCallback(() => setErrorDetail(null), [])
  return {
    run,
    pending: inFlight > 0,
    error: errorDetail ? translateError(t, locale, errorDetail) : null,
    errorDetail,
    clearError,
  }
}

/**
 * State owned by main: fetched with `command` on mount and replaced by every `event`. `null` until the
 * first answer; a failed fetch leaves it null (the event still fills it).
 */
export function useLiveState<C extends CommandName, E extends EventName>(
  command: C,
  event: E,
  select: (payload: EventPayload<E>) => CommandOutput<C> = (p) => p as unknown as CommandOutput<C>,
): [CommandOutput<C> | null, (value: CommandOutput<C>) => void] {
  const pos = usePos()
  const [value, setValue] = useState<CommandOutput<C> | null>(null)
  const seenEvent = useRef(false)
  // The last snapshot as text: main republishes unchanged views (checkout.changed follows every basket
  // change), and an identical snapshot must not re-render the screen.
  const lastText = useRef<string | null>(null)
  const selectRef = useRef(select)
  useEffect(() => {
    selectRef.current = select
  })
  useEffect(() => {
    let live = true
    void pos.invoke(command).then((result) => {
      // An event that arrived while the fetch ran is newer than the fetch's answer.
      if (live && result.ok && !seenEvent.current) setValue(result.value)
    })
    return () => {
      live = false
    }
  }, [pos, command])
  usePosEvent(event, (payload) => {
    seenEvent.current = true
    const text = JSON.stringify(payload)
    if (text === lastText.current) return
    lastText.current = text
    setValue(selectRef.current(payload))
  })
  // A value set from outside (a command's answer) is no event: the next event always applies.
  const set = useCallback((next: CommandOutput<C>) => {
    lastText.current = null
    setValue(next)
  }, [])
  return [value, set]
}
