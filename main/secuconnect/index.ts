// Public surface of the secuconnect client (docs/secuconnect.md).
export {
  createSecuconnectClient,
  clientOptionsFromConfig,
  deviceUuid,
  DEFAULT_TIMEOUTS,
  type SecuconnectClient,
  type SecuconnectClientOptions,
  type ConfigDeps,
} from './client'
export type { AuthStatus, PairingInfo, Grant, Sleep } from './auth'
export type { Transactions, StartMethod, Timeouts, WriteOptions, ListQuery } from './transactions'
export type { MerchantCards, PasscodeAction } from './merchant-cards'
export { memorySecretStore, type SecretStore } from '../secrets/secret-store'
export {
  SecuconnectError,
  SecuconnectApiError,
  SecuconnectAuthError,
  SecuconnectNetworkError,
  SecuconnectTimeoutError,
  SecuconnectBadResponseError,
  isUnknownOutcome,
  toAppError,
  type ReconcileOutcome,
} from './errors'
export type {
  SmartTransaction,
  SmartTransactionStatus,
  SmartTransactionDraft,
  BasketProductInput,
  BasketProduct,
  SmartIdent,
  MerchantCard,
  PreTransactionResult,
  ValidateMerchantCardResult,
} from './models'
