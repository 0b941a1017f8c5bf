// Where the customer consumes what they buy, and what that does to the VAT rate (docs/vat-rates.md).
//
// From 1 Jan 2026 (Steueränderungsgesetz 2025): restaurant and catering services are taxed at 7 %
// permanently, "mit Ausnahme der Abgabe von Getränken" (§ 12 Abs. 2 Nr. 15 UStG;
// BMF-Schreiben 22 Dec 2025, III C 2 – S 7220/00023/014/027). So food is 7 % whether eaten in or taken
// away. Drinks served in-house are part of the restaurant service but excluded from Nr. 15: 19 %.
// Drinks taken away are a delivery of goods: 19 %, except milk mix drinks with at least 75 % milk,
// which are food in Anlage 2 to the UStG (§ 12 Abs. 2 Nr. 1 UStG): 7 % only when taken away.
import { z } from 'zod'

/** In-house (Im Haus, DSFinV-K INHAUS 1) or take-away (Außer Haus). */
export const consumption = z.enum(['inhouse', 'takeaway'])
export type Consumption = z.infer<typeof consumption>

/**
 * How an article's VAT rate depends on where it is consumed:
 * - `fixed`: the article's own `vatRate`, wherever it is consumed (the default: what every catalogue
 *   without this field did before; top-ups, deposits, packaged goods);
 * - `food`: 7 % in-house and take-away;
 * - `drink`: 19 % in-house and take-away;
 * - `milkDrink` (≥ 75 % milk): 7 % take-away, 19 % in-house.
 */
export const vatClass = z.enum(['fixed', 'food', 'drink', 'milkDrink'])
export type VatClass = z.infer<typeof vatClass>

/** The class a product without the field has: its fixed `vatRate`, as before the field existed. */
export const DEFAULT_VAT_CLASS: VatClass = 'fixed'

/** The rate of each class that is not fixed, per consumption. */
const RATES: Record<Exclude<VatClass, 'fixed'>, Record<Consumption, 19 | 7>> = {
  food: { inhouse: 7, takeaway: 7 },
  drink: { inhouse: 19, takeaway: 19 },
  milkDrink: { inhouse: 19, takeaway: 7 },
}

/** The VAT rate of an article of this class consumed this way; `fixed` keeps the article's own rate. */
export function rateOf<R extends number>(
  cls: VatClass | undefined,
  where: Consumption,
  fixedRate: R,
): R | 19 | 7 {
  const c = cls ?? DEFAULT_VAT_CLASS
  return c === 'fixed' ? fixedRate : RATES[c][where]
}

/**
 * The `vatRate` a catalogue entry of this class must carry: its take-away rate, the one readers that
 * know nothing of consumption (weighing, older tools) see. Undefined for `fixed`: any rate.
 */
export function catalogueRateOf(cls: VatClass | undefined): 19 | 7 | undefined {
  const c = cls ?? DEFAULT_VAT_CLASS
  return c === 'fixed' ? undefined : RATES[c].takeaway
}

/** The till's setting: which consumption a new sale starts with (a bakery counter: take-away). */
export const DEFAULT_CONSUMPTION: Consumption = 'takeaway'
