// OAuth2 for the till (docs/secuconnect.md): device pairing, refresh, client_credentials.
// One token in flight at a time; the token is renewed 30 s before it expires; every secret goes
// through the injected SecretStore.
import type { Clock, Logger } from '../../common/ports'
import { SecuconnectAuthError } from './errors'
import { apiErrorFrom, decode, type Transport, type TransportResponse } from './http'
import { deviceCodeResponse, oauthErrorBody, oauthTokenResponse } from './models'
import type { SecretStore } from '../secrets/secret-store'

export type Grant = 'device' | 'client_credentials'
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** Renew this long before expiry so a request never leaves with a token that dies on the way. */
export const RENEW_MARGIN_MS = 30_000

export interface PairingInfo {
  userCode: string
  verificationUrl: string
  /** Epoch ms after which the code is dead and pairing must start again. */
  expiresAt: number
  /** Seconds between polls, as the server asked. */
  interval: number
}

export interface AuthStatus {
  grant: Grant
  /** device: a refresh token is stored; client_credentials: a secret is available. */
  paired: boolean
  accessTokenExpiresAt: number | null
  pairing: PairingInfo | null
}

export interface Auth {
  startDevicePairing(): Promise<PairingInfo>
  /** One poll: `pending` until someone confirms the user code. */
  pollDevicePairing(): Promise<'pending' | 'paired'>
  /** Polls every `interval` s until paired; throws SecuconnectAuthError `expired_token` when the code dies. */
  waitForPairing(opts?: { signal?: AbortSignal }): Promise<void>
  status(): Promise<AuthStatus>
  /** Fetch a client_credentials token now (checks the credentials). */
  clientCredentials(): Promise<void>
  signOut(): Promise<void>
  /** A valid access token, renewing it when needed (single flight). */
  accessToken(): Promise<string>
  /** The server refused `token`: forget it, unless a newer one already replaced it. */
  invalidate(token: string): void
}

export interface AuthDeps {
  transport: Transport
  clock: Clock
  logger: Logger
  secretStore: SecretStore
  sleep: Sleep
  grant: Grant
  clientId: string
  clientSecret?: string
  /** `/vendor/tresen/serial/<till serial>` */
  deviceUuid: string
  timeoutMs: number
  keyPrefix: string
}

interface StoredToken {
  token: string
  expiresAt: number
}

export function createAuth(deps: AuthDeps): Auth {
  const keys = {
    access: `${deps.keyPrefix}access_token`,
    refresh: `${deps.keyPrefix}refresh_token`,
    deviceCode: `${deps.keyPrefix}device_code`,
    secret: `${deps.keyPrefix}client_secret`,
  }
  let current: StoredToken | null = null
  /** The last token the server refused; a copy of it in the store must not be picked up again. */
  let refused: string | null = null
  let inflight: Promise<string> | null = null
  let pairing: (PairingInfo & { deviceCode: string }) | null = null

  const fresh = (t: StoredToken | null): t is StoredToken =>
    t !== null && deps.clock.now() < t.expiresAt - RENEW_MARGIN_MS

  async function clientSecret(): Promise<string> {
    const secret = deps.clientSecret ?? (await deps.secretStore.get(keys.secret))
    if (!secret) throw new SecuconnectAuthError('invalid_client', 'no client secret configured')
    return secret
  }

  async function tokenCall(body: Record<string, string>): Promise<TransportResponse> {
    const res = await deps.transport.send({
      method: 'POST',
      path: '/oauth/token',
      body,
      timeoutMs: deps.timeoutMs,
    })
    if (res.status >= 200 && res.status < 300) return res
    const oauth = oauthErrorBody.safeParse(res.json)
    if (oauth.success)
      throw new SecuconnectAuthError(oauth.data.error, oauth.data.error_description ?? '', res.status)
    throw apiErrorFrom(res)
  }

  async function keep(res: TransportResponse, requestedAt: number): Promise<string> {
    const body = decode(oauthTokenResponse, res, 'oauth/token')
    current = { token: body.access_token, expiresAt: requestedAt + body.expires_in * 1000 }
    // Shared through the store so a second process of the till reuses it instead of replacing it: "only one
    // OAuth access token per device session" (secuconnect docs: Start_a_Device_Session).
    await deps.secretStore.set(keys.access, JSON.stringify(current))
    if (body.refresh_token) await deps.secretStore.set(keys.refresh, body.refresh_token)
    return body.access_token
  }

  async function grantWith(body: Record<string, string>): Promise<string> {
    const requestedAt = deps.clock.now()
    return keep(
      await tokenCall({ ...body, client_id: deps.clientId, client_secret: await clientSecret() }),
      requestedAt,
    )
  }

  /** A grant whose credential the server may have dropped: null instead of the auth error. */
  async function tryGrant(body: Record<string, string>, what: string): Promise<string | null> {
    try {
      return await grantWith(body)
    } catch (error) {
      if (!(error instanceof SecuconnectAuthError)) throw error
      deps.logger.log('warn', `secuconnect.${what}-refused`, { error: error.error })
      return null
    }
  }

  async function renewDevice(): Promise<string> {
    const refresh = await deps.secretStore.get(keys.refresh)
    if (refresh) {
      const token = await tryGrant({ grant_type: 'refresh_token', refresh_token: refresh }, 'refresh')
      if (token) return token
      await deps.secretStore.delete(keys.refresh)
    }
    // The SDKs fall back to the confirmed device code when the refresh token is refused (secuconnect-php-sdk
    // lib/Authentication/Authenticator.php).
    const deviceCode = await deps.secretStore.get(keys.deviceCode)
    const token = deviceCode
      ? await tryGrant({ grant_type: 'device', code: deviceCode }, 'device-code')
      : null
    if (token) return token
    throw new SecuconnectAuthError(
      'not_paired',
      'the till is not paired with secuconnect; start device pairing',
    )
  }

  async function renew(): Promise<string> {
    // Another process of the till may have renewed already: take its token instead of replacing it,
    // because a new device token invalidates the previous one and the two would evict each other.
    const stored = await deps.secretStore.get(keys.access)
    const parsed = stored ? (JSON.parse(stored) as StoredToken) : null
    if (fresh(parsed) && parsed.token !== refused) {
      current = parsed
      return parsed.token
    }
    deps.logger.log('info', 'secuconnect.token-renew', { grant: deps.grant })
    return deps.grant === 'device' ? renewDevice() : grantWith({ grant_type: 'client_credentials' })
  }

  /** Every token request goes through here, so there is exactly one in flight; others queue behind it. */
  function oneAtATime(request: () => Promise<string>): Promise<string> {
    const next = (inflight ?? Promise.resolve('')).catch(() => '').then(request)
    inflight = next
    next
      .finally(() => {
        if (inflight === next) inflight = null
      })
      .catch(() => {})
    return next
  }

  function publicPairing(): PairingInfo | null {
    if (!pairing) return null
    const { deviceCode: _secret, ...info } = pairing
    return info
  }

  const auth: Auth = {
    async startDevicePairing() {
      const requestedAt = deps.clock.now()
      const res = await tokenCall({
        grant_type: 'device',
        client_id: deps.clientId,
        client_secret: await clientSecret(),
        uuid: deps.deviceUuid,
      })
      const body = decode(deviceCodeResponse, res, 'oauth/token (device)')
      // "The device must persist device_code" (secuconnect docs: Request_the_Device_Registration): it is the
      // fallback credential after a refused refresh.
      await deps.secretStore.set(keys.deviceCode, body.device_code)
      pairing = {
        deviceCode: body.device_code,
        userCode: body.user_code,
        verificationUrl: body.verification_url,
        expiresAt: requestedAt + body.expires_in * 1000,
        interval: body.interval,
      }
      deps.logger.log('info', 'secuconnect.pairing-started', {
        verificationUrl: body.verification_url,
        expiresAt: pairing.expiresAt,
      })
      return publicPairing()!
    },

    async pollDevicePairing() {
      if (!pairing) throw new SecuconnectAuthError('no_pairing', 'call startDevicePairing first')
      if (deps.clock.now() >= pairing.expiresAt) {
        pairing = null
        throw new SecuconnectAuthError('expired_token', 'the pairing code expired; start pairing again')
      }
      const { deviceCode } = pairing
      try {
        await oneAtATime(() => grantWith({ grant_type: 'device', code: deviceCode }))
      } catch (error) {
        // [I] pending = HTTP 401 + authorization_pending (secuconnect-php-sdk Authenticator.php; the legacy
        // SDKs poll on 401); any other refusal ends the pairing.
        if (error instanceof SecuconnectAuthError && error.error === 'authorization_pending') return 'pending'
        if (error instanceof SecuconnectAuthError) pairing = null
        throw error
      }
      pairing = null
      deps.logger.log('info', 'secuconnect.paired', {})
      return 'paired'
    },

    async waitForPairing(opts = {}) {
      for (;;) {
        opts.signal?.throwIfAborted()
        if ((await auth.pollDevicePairing()) === 'paired') return
        await deps.sleep(pairing!.interval * 1000, opts.signal)
      }
    },

    async status() {
      const paired =
        deps.grant === 'device'
          ? (await deps.secretStore.get(keys.refresh)) !== null
          : (deps.clientSecret ?? (await deps.secretStore.get(keys.secret))) !== null
      return {
        grant: deps.grant,
        paired,
        accessTokenExpiresAt: current?.expiresAt ?? null,
        pairing: publicPairing(),
      }
    },

    async clientCredentials() {
      await oneAtATime(() => grantWith({ grant_type: 'client_credentials' }))
    },

    async signOut() {
      current = null
      pairing = null
      for (const key of [keys.access, keys.refresh, keys.deviceCode]) await deps.secretStore.delete(key)
      deps.logger.log('info', 'secuconnect.signed-out', {})
    },

    async accessToken() {
      if (fresh(current)) return current.token
      return inflight ?? oneAtATime(renew)
    },

    invalidate(token) {
      refused = token
      if (current?.token === token) current = null
    },
  }
  return auth
}
