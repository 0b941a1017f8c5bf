// A listener set where one failing listener neither stops the others nor reaches the device's read loop:
// a throwing UI handler must not cost the next scan.
import type { Logger } from '../../common/ports'
import type { Unsubscribe } from '../types'

export interface Listeners<T> {
  add(listener: (value: T) => void): Unsubscribe
  emit(value: T): void
  clear(): void
  readonly size: number
}

export function listeners<T>(logger: Logger, name: string): Listeners<T> {
  const set = new Set<(value: T) => void>()
  return {
    add(listener) {
      set.add(listener)
      return () => void set.delete(listener)
    },
    emit(value) {
      for (const listener of [...set]) {
        try {
          listener(value)
        } catch (error) {
          logger.log('error', `${name}.listener-failed`, { error: String(error) })
        }
      }
    },
    clear: () => set.clear(),
    get size() {
      return set.size
    },
  }
}
