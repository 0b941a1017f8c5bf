// A code typed in or sent by a renderer is classified by main itself, with the scanners' own classifier
// (kind, check digit, in-store price or weight): what a client derived from the code is never used.
import type { Scan } from '../../common/devices'
import type { Logger } from '../../common/ports'
import type { InStoreLayout } from '../../common/config/devices'
import { classifyCode } from '../../hardware/scanner/classify'

/** What a client may send as a typed-in code: the code counts; anything derived from it is main's to decide. */
export interface TypedScan {
  code: string
  [derived: string]: unknown
}

/** Fields of a Scan that follow from the code; a client's values for them are never used. */
const DERIVED_FIELDS = ['kind', 'article', 'priceCents', 'weightGrams', 'reason', 'symbology'] as const

/**
 * Main's reading of a typed code. Derived fields the client sent are ignored; when they disagree with
 * main's reading, that is logged, since an honest renderer never sends them.
 */
export function classifyTyped(input: TypedScan, inStore: InStoreLayout, logger: Logger): Scan {
  const scan = classifyCode(input.code, { source: 'manual' }, inStore)
  const forged = DERIVED_FIELDS.filter(
    (field) => input[field] !== undefined && input[field] !== (scan as Record<string, unknown>)[field],
  )
  if (forged.length > 0)
    logger.log('warn', 'scan.derived-fields-ignored', { fields: forged, kind: scan.kind })
  return scan
}
