// The languages of the UI and the receipt: German for shop staff by default, English switchable.
import { z } from 'zod'

export const locale = z.enum(['de', 'en'])
export type Locale = z.infer<typeof locale>
