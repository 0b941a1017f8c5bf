import type { Messages } from './de'

export const en: Messages = {
  app: { title: 'Tresen', demo: 'Demo', language: 'Language', switchTo: 'Deutsch' },
  sale: {
    heading: 'Sale',
    products: 'Products',
    noProducts: 'No products in the catalogue yet',
    basket: 'Basket',
    basketEmpty: 'Basket is empty',
    total: 'Total',
    payCash: 'Cash',
    payLoyalty: 'Loyalty card',
    payCard: 'Card',
  },
  status: {
    bar: 'Device status',
    printer: 'Printer',
    drawer: 'Drawer',
    scanner: 'Scanner',
    api: 'secuconnect',
    demoMode: 'Demo mode',
    state: {
      connected: 'ready',
      disconnected: 'disconnected',
      offline: 'offline',
      'paper-out': 'paper out',
      'paper-low': 'paper low',
      'cover-open': 'cover open',
      'drawer-open': 'open',
      'drawer-closed': 'closed',
      error: 'error',
      unknown: 'unknown',
    },
  },
  error: {
    validation: 'The input is not valid.',
    unknownCommand: 'This action does not exist.',
    forbidden: 'This action is not allowed.',
    internal: 'An internal error occurred. Please try again.',
    unavailable: 'No connection to the register. Reconnecting …',
    notImplemented: 'This function is not available yet.',
  },
  display: { welcome: 'Welcome!', total: 'Total' },
  ui: {
    keypad: { ok: 'OK', back: 'Delete last digit', clear: 'Clear entry' },
    toast: { dismiss: 'Dismiss message', notes: 'Notes' },
  },
}
