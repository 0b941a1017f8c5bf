// The one schema of a money amount: integer cents (docs/touch-ui.md, README "Money"). Every zod shape
// that carries money uses this, so a rule for amounts (a bound, a check) is made in one place.
import { z } from 'zod'

export const cents = z.number().int().safe()
