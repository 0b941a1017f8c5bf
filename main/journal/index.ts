// The journal's public face for the sale service, recovery and IPC handlers.
export { openJournal, type Journal, type JournalOptions } from './journal'
export * from './types'
export { receiptView, saleDetailView } from './views'
export { DEFAULT_TIME_ZONE, localDate } from './local-day'
export type { TseJournal, TseRecord, TseRecordInput, TseOutage } from './tse-records'
