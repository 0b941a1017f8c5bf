// The one price rule for weighed goods, shared by the till and the scale check: weight in grams × price
// per kg in cents, divided by 1000, rounded half up to the cent (kaufmännisches Runden: 0,237 kg × 24,90 €
// = 5,9013 € → 5,90 €; 0,250 kg × 1,98 € = 0,495 € → 0,50 €). Integer arithmetic only, no floats.
export function scaleWeightPrice(grams: number, centsPerKg: number): number {
  if (!Number.isSafeInteger(grams) || !Number.isSafeInteger(centsPerKg) || grams < 0 || centsPerKg < 0)
    throw new RangeError(`weight ${grams} g and price ${centsPerKg} ct/kg must be whole numbers ≥ 0`)
  return Math.floor((grams * centsPerKg + 500) / 1000)
}
