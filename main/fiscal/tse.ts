// The TSE port: what the till needs from a technical security device, whatever sits behind it
// (fiskaly SIGN DE v2 in the cloud, its simulator, or nothing). main/fiscal/lifecycle.ts drives it.
import type { FiscalAmounts, Vorgangstyp } from '../../common/fiscal/process-data'

/** Who signed and the signature itself, in every signed answer of the TSE. */
export interface TseSigner {
  tssSerial: string
  clientSerial: string
  signature: string
  signatureAlgorithm: string
  signatureCounter: number
  publicKey: string
}

/** What a finished (or cancelled) TSE transaction gives the receipt and the export. */
export interface TseSignature extends TseSigner {
  txId: string
  state: 'FINISHED' | 'CANCELLED'
  number: number
  /** Log time of the Start, seconds since the epoch (unixTime). */
  timeStart: number
  /** Log time of the Finish. */
  timeEnd: number
  logTimeFormat: string
  processType: string
  processData: string
  qrCode: string
  revision: number
  /** The TSE's answer as received, kept for the export. */
  raw: unknown
}

export interface TseStarted {
  txId: string
  number: number
  timeStart: number
  revision: number
}

/**
 * A signed update (TR-03151 UpdateTransaction) of a transaction that stays ACTIVE: fiskaly signs only
 * this variant (`supported_update_variants: SIGNED`), each one a log message of its own.
 */
export interface TseUpdated extends TseSigner {
  txId: string
  state: 'ACTIVE'
  revision: number
  number: number
  timeStart: number
  /** Log time of this update, seconds since the epoch. */
  logTime: number
  logTimeFormat: string
  processType: string
  processData: string
  /** The TSE's answer as received. */
  raw: unknown
}

export interface TseTxReadback {
  state: 'ACTIVE' | 'FINISHED' | 'CANCELLED'
  revision: number
  number: number
  timeStart: number
  /** Present when FINISHED or CANCELLED. */
  signature?: TseSignature
}

export interface TseStatus {
  kind: 'fiskaly' | 'simulator' | 'none'
  configured: boolean
  tssId?: string
  clientId?: string
  state?: string
  serial?: string
  clientSerial?: string
  clientState?: string
  signatureAlgorithm?: string
  signatureCounter?: number
  transactionCounter?: number
  activeTransactions?: number
  certificateValidUntil?: string
  certificateExpired?: boolean
  /** The TSS's X.509 certificate (PEM) as fiskaly returns it. */
  certificate?: string
  error?: string
}

export interface TseSetupResult {
  tssId: string
  /** Shown once to the manager and stored in the secret store. */
  adminPuk: string
  clientId: string
  serial: string
}

export interface Tse {
  readonly kind: TseStatus['kind']
  /** Starts a transaction (revision 1, ACTIVE, no processType/Data). */
  start(txId: string): Promise<TseStarted>
  /**
   * Updates it with the receipt so far (fiskaly: `PUT …/tx/{id}?tx_revision=n`, state ACTIVE,
   * `schema.standard_v1.receipt`); it stays ACTIVE. Same rules as finish: on an `outcomeUnknown` error
   * read the transaction back before the next revision. The counter lifecycle does not call it
   * (docs/fiscal-tse.md).
   */
  update(txId: string, revision: number, typ: Vorgangstyp, amounts: FiscalAmounts): Promise<TseUpdated>
  /** Finishes it: FINISHED with the receipt (revision `revision` = the previous one + 1). */
  finish(txId: string, revision: number, typ: Vorgangstyp, amounts: FiscalAmounts): Promise<TseSignature>
  /**
   * Finishes it with a free process (fiskaly `schema.raw`), e.g. `SonstigerVorgang` for the journal
   * chain head signed at each Z (docs/journal.md).
   */
  finishOther(
    txId: string,
    revision: number,
    processType: 'SonstigerVorgang',
    processData: string,
  ): Promise<TseSignature>
  /** Cancels it as AVBelegabbruch (fiskaly CANCELLED). */
  abort(txId: string, revision: number, amounts?: FiscalAmounts): Promise<TseSignature>
  /** Reads the transaction back (after a timeout, and on recovery). */
  read(txId: string): Promise<TseTxReadback>
  /** Transactions this client left ACTIVE (recovery cancels them; they count against the limit). */
  listActive(): Promise<string[]>
  status(): Promise<TseStatus>
  /** Creates, personalises and initialises a new TSS (PUK and admin PIN kept in the secret store). */
  createTss(): Promise<TseSetupResult>
  /** Registers this till as client with its serial. */
  registerClient(): Promise<{ clientId: string; serial: string }>
  /** Disables the TSS (irreversible): admin auth, PATCH DISABLED. */
  disable(): Promise<void>
  /** The TSE's TAR export (TR-03153) of all log messages. */
  exportTar(): Promise<Buffer>
}

/** A TSE failure the lifecycle turns into "TSE ausgefallen: <reason>". */
export class TseError extends Error {
  constructor(
    message: string,
    /** timeout | network | http | protocol | config */
    readonly kind: 'timeout' | 'network' | 'http' | 'protocol' | 'config',
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message)
    this.name = 'TseError'
  }

  /** The request may have taken effect: read the transaction back before a new revision. */
  get outcomeUnknown(): boolean {
    return (
      this.kind === 'timeout' ||
      (this.kind === 'http' && (this.status ?? 0) >= 500) ||
      this.kind === 'protocol'
    )
  }
}
