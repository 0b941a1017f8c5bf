// Channel names only: what the preload bundles as its allow-list. A test keeps it equal to the contract.
export const COMMAND_NAMES = ['app.info', 'app.setLocale', 'devices.status'] as const
export const EVENT_NAMES = ['app.localeChanged', 'devices.status'] as const

/** Electron IPC channel prefix for commands; events travel on one channel. */
export const IPC_COMMAND_PREFIX = 'pos:'
export const IPC_EVENT_CHANNEL = 'pos:event'
