// Commands and events of the secuconnect connection: status for the status bar, device pairing for the
// settings screen.
import { z } from 'zod'
import { command } from './define'
import { apiStatus } from '../api-status'

const none = z.object({}).strict().default({})

export const apiCommands = {
  'api.status': command(none, apiStatus),
  'pairing.start': command(none, apiStatus),
  'pairing.cancel': command(none, apiStatus),
} as const

export const apiEvents = {
  'api.changed': apiStatus,
} as const
