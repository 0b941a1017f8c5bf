// Channel names only: what the preload bundles as its allow-list. A test keeps it equal to the contract.
export const COMMAND_NAMES = [
  'app.info',
  'app.setLocale',
  'devices.status',
  'catalog.get',
  'register.view',
  'basket.addProduct',
  'basket.addPlu',
  'basket.scan',
  'basket.setQuantity',
  'basket.voidLine',
  'basket.clear',
  'seller.list',
  'seller.login',
  'seller.park',
  'api.status',
  'pairing.start',
  'pairing.cancel',
] as const
export const EVENT_NAMES = ['app.localeChanged', 'devices.status', 'register.changed', 'scan.result', 'api.changed'] as const

/** Electron IPC channel prefix for commands; events travel on one channel. */
export const IPC_COMMAND_PREFIX = 'pos:'
export const IPC_EVENT_CHANNEL = 'pos:event'
