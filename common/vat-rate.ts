// The VAT rates a German bakery till uses: 19 % standard (§ 12 Abs. 1 UStG), 7 % reduced (§ 12 Abs. 2
// UStG: food, take-away milk drinks, restaurant food from 2026), 0 % for balance top-ups (vouchers).
import { z } from 'zod'

export const vatRate = z.literal([19, 7, 0], { error: 'VAT rate must be 19, 7 or 0' })
export type VatRate = z.infer<typeof vatRate>
export const VAT_RATES: readonly VatRate[] = [19, 7, 0]
