// The API's error body, ProductExceptionPayload (docs/secuconnect.md), and the OAuth endpoint's
// RFC 6749 style body
// (https://developer.secuconnect.com/API-Reference/API-Credentials/DeviceCredentials.html). The HTTP reason
// phrase is the exception name, as in the documented example.
import { hex } from './ids'

export interface SimResponse {
  status: number
  body?: unknown
  reason?: string
}

export function productError(
  status: number,
  error: string,
  code: number,
  details: string,
  user: string,
): SimResponse {
  return {
    status,
    reason: error,
    body: { status: 'error', error, error_details: details, error_user: user, code, supportId: hex(32) },
  }
}

export function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } }
}

// The published error table stops after the 1xxx group
// (https://developer.secuconnect.com/API-Reference/API-Errors/Errors.html), so which code the real API sends
// for a
// status conflict, a locked card or a bad basket is unknown. The choices below are ours [I] and are
// listed in docs/secuconnect.md.
export const errors = {
  /**
   * Documented: invalid or expired token (secuconnect docs:
   * Error_Handling_-_Integration_Guide_for_Loyalty_at_the_POS).
   */
  tokenRequired: () =>
    productError(
      403,
      'ProductNotAllowedException',
      2003,
      'Valid auth token required',
      'Es ist ein unbekannter Fehler aufgetreten (Code 2003)',
    ),
  /**
   * [I] Legacy example of a status conflict: ProductNotAllowedException code 1003 (secucard-connect-php-sdk
   * Client/ProductService.php).
   */
  statusConflict: (details: string, user = 'Der Status der Transaktion lässt diese Aktion nicht zu.') =>
    productError(400, 'ProductNotAllowedException', 1003, details, user),
  /** [I] 1001 "invalid params" for malformed bodies and a basket_info.sum that is not the basket total. */
  invalidParams: (details: string) =>
    productError(400, 'ProductInternalException', 1001, details, 'Die Anfrage enthält ungültige Daten.'),
  /** [I] 1016 "card validation failed" for locked, unknown or insufficient cards in a payment. */
  cardRejected: (details: string, user: string) =>
    productError(400, 'ProductNotAllowedException', 1016, details, user),
  /** [I] 1007 "Could not cancel loyalty transaction". */
  cancelFailed: (details: string) =>
    productError(
      400,
      'ProductNotAllowedException',
      1007,
      details,
      'Die Transaktion kann nicht storniert werden.',
    ),
  /** [I] ProductNotFoundException is a documented name; its code is not. */
  notFound: (what: string) =>
    productError(
      404,
      'ProductNotFoundException',
      1001,
      `${what} not found`,
      'Der Datensatz wurde nicht gefunden.',
    ),
}
