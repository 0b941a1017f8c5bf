// The journal's public face for the sale service, recovery and IPC handlers.
export { openJournal, type Journal, type JournalOptions } from './journal'
export * from './types'
