// POST /oauth/token: client_credentials, the two-step device grant and refresh_token
// (docs/secuconnect.md). One access token per device session: a new one invalidates the last.
import type { Clock } from '../common/ports'
import { oauthError, type SimResponse } from './errors'
import { accessToken, hex, objectId, userCode } from './ids'

export const TOKEN_LIFETIME_S = 1200
const DEVICE_CODE_LIFETIME_S = 1200
const POLL_INTERVAL_S = 5

interface DeviceCode {
  deviceCode: string
  userCode: string
  uuid: string
  expiresAt: number
  approved: boolean
}

interface DeviceSession {
  uuid: string
  deviceId: string
  refreshToken: string
  accessToken: string | null
}

interface TokenInfo {
  expiresAt: number
  /** The device session it belongs to; null for client_credentials tokens. */
  uuid: string | null
}

export interface OAuthOptions {
  clock: Clock
  autoApprove: boolean
  /** Accepted client credentials; when empty, any non-empty id and secret are accepted (demo mode). */
  clients: { id: string; secret: string }[]
}

export interface OAuthServer {
  token(body: Record<string, unknown>): SimResponse
  /** The token's device id, or null for a client token; undefined when the token is not valid now. */
  authenticate(token: string): { deviceId: string | null } | undefined
  approve(userCode: string): boolean
  pending(): { userCode: string; uuid: string; expiresAt: number }[]
  expireAllTokens(): void
  reset(): void
  setAutoApprove(on: boolean): void
}

const UUID_RE = /^(\/[^/\s]+\/[^/\s]+)+$/

export function oauthServer(opts: OAuthOptions): OAuthServer {
  let codes = new Map<string, DeviceCode>()
  let sessions = new Map<string, DeviceSession>()
  let tokens = new Map<string, TokenInfo>()
  let autoApprove = opts.autoApprove

  function issue(uuid: string | null): string {
    const token = accessToken()
    tokens.set(token, { expiresAt: opts.clock.now() + TOKEN_LIFETIME_S * 1000, uuid })
    if (uuid !== null) {
      const session = sessions.get(uuid)!
      if (session.accessToken) tokens.delete(session.accessToken)
      session.accessToken = token
    }
    return token
  }

  function checkClient(body: Record<string, unknown>): SimResponse | null {
    const id = body.client_id
    const secret = body.client_secret
    if (typeof id !== 'string' || typeof secret !== 'string' || !id || !secret) {
      return oauthError(400, 'invalid_client', 'Client credentials were not found in the headers or body')
    }
    if (opts.clients.length > 0 && !opts.clients.some((c) => c.id === id && c.secret === secret)) {
      return oauthError(400, 'invalid_client', 'The client credentials are invalid')
    }
    return null
  }

  function registerDevice(uuid: string): SimResponse {
    if (!UUID_RE.test(uuid)) return oauthError(401, 'invalid_device', 'device with given uuid not configured')
    const code: DeviceCode = {
      deviceCode: hex(32),
      userCode: userCode(),
      uuid,
      expiresAt: opts.clock.now() + DEVICE_CODE_LIFETIME_S * 1000,
      approved: autoApprove,
    }
    codes.set(code.deviceCode, code)
    return {
      status: 200,
      body: {
        device_code: code.deviceCode,
        user_code: code.userCode,
        verification_url: 'http://www.secuoffice.com',
        expires_in: DEVICE_CODE_LIFETIME_S,
        interval: POLL_INTERVAL_S,
      },
    }
  }

  function pollDevice(deviceCode: string): SimResponse {
    const code = codes.get(deviceCode)
    // [I] invalid_grant / expired_token follow RFC 8628; the docs only show the pending case.
    if (!code) return oauthError(400, 'invalid_grant', 'Invalid device code')
    if (!code.approved) {
      if (opts.clock.now() >= code.expiresAt)
        return oauthError(400, 'expired_token', 'The device code has expired')
      // [I] pending = HTTP 401 + authorization_pending: what both SDK generations expect (secuconnect-php-sdk
      // Authenticator.php; secucard-connect-javascript-sdk auth/auth.js).
      return oauthError(401, 'authorization_pending', 'Authorization pending')
    }
    // [I] A confirmed code may be used again: the SDKs fall back to it when refreshing fails
    // (secuconnect-php-sdk Authenticator.php).
    // A new confirmation of the device replaces the session's refresh token.
    let session = sessions.get(code.uuid)
    if (!session) {
      session = { uuid: code.uuid, deviceId: objectId('SDV'), refreshToken: hex(40), accessToken: null }
      sessions.set(code.uuid, session)
    }
    const token = issue(code.uuid)
    return {
      status: 200,
      body: {
        access_token: token,
        expires_in: TOKEN_LIFETIME_S,
        token_type: 'bearer',
        scope: null,
        refresh_token: session.refreshToken,
      },
    }
  }

  return {
    token(body) {
      const grant = body.grant_type
      if (typeof grant !== 'string' || !grant)
        return oauthError(400, 'invalid_request', 'The grant type was not specified in the request')
      if (!['client_credentials', 'device', 'refresh_token'].includes(grant)) {
        return oauthError(400, 'unsupported_grant_type', `Grant type "${grant}" not supported`)
      }
      const clientProblem = checkClient(body)
      if (clientProblem) return clientProblem
      if (grant === 'client_credentials') {
        // No refresh token for this grant (secuconnect docs: Authenticate_with_OAuth_2.0); client tokens do
        // not replace each other [I].
        return {
          status: 200,
          body: {
            access_token: issue(null),
            expires_in: TOKEN_LIFETIME_S,
            token_type: 'bearer',
            scope: 'https://scope.secucard.com/e/api',
          },
        }
      }
      if (grant === 'device') {
        if (typeof body.uuid === 'string') return registerDevice(body.uuid)
        if (typeof body.code === 'string') return pollDevice(body.code)
        return oauthError(400, 'invalid_request', 'Missing parameters: "uuid" or "code" required')
      }
      const session = [...sessions.values()].find((s) => s.refreshToken === body.refresh_token)
      if (!session) return oauthError(400, 'invalid_grant', 'Invalid refresh token')
      // No new refresh token: it "stays unchanged for the current session" (secuconnect docs:
      // Renew_the_Device_Session2).
      return {
        status: 200,
        body: {
          access_token: issue(session.uuid),
          expires_in: TOKEN_LIFETIME_S,
          token_type: 'bearer',
          scope: null,
        },
      }
    },
    authenticate(token) {
      const info = tokens.get(token)
      if (!info || opts.clock.now() >= info.expiresAt) return undefined
      return { deviceId: info.uuid === null ? null : (sessions.get(info.uuid)?.deviceId ?? null) }
    },
    approve(code) {
      const found = [...codes.values()].find((c) => c.userCode === code && opts.clock.now() < c.expiresAt)
      if (found) found.approved = true
      return found !== undefined
    },
    pending: () =>
      [...codes.values()]
        .filter((c) => !c.approved && opts.clock.now() < c.expiresAt)
        .map(({ userCode: u, uuid, expiresAt }) => ({ userCode: u, uuid, expiresAt })),
    expireAllTokens: () => {
      tokens = new Map()
      for (const s of sessions.values()) s.accessToken = null
    },
    reset() {
      codes = new Map()
      sessions = new Map()
      tokens = new Map()
      autoApprove = opts.autoApprove
    },
    setAutoApprove(on) {
      autoApprove = on
    },
  }
}
