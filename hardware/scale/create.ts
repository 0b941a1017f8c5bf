// createScale: config → a Scale, or null when the shop has none (weights are then typed in).
import type { ScaleConfig } from '../../common/config/devices'
import type { Clock, Logger } from '../../common/ports'
import type { SerialBackend } from '../scanner/serial-backend'
import type { Scale } from '../types'
import { SerialScale } from './serial-scale'
import { VirtualScale } from './virtual-scale'

export function createScale(
  config: ScaleConfig,
  deps: { serial: SerialBackend; clock: Clock; logger: Logger },
): Scale | null {
  switch (config.driver) {
    case 'none':
      return null
    case 'virtual':
      return new VirtualScale({ clock: deps.clock, logger: deps.logger })
    case 'serial':
      return new SerialScale(
        {
          path: config.path,
          vendorId: config.vendorId,
          productId: config.productId,
          serialNumber: config.serialNumber,
          baudRate: config.baudRate,
          dataBits: config.dataBits,
          parity: config.parity,
          responseTimeoutMs: config.responseTimeoutMs,
          stableTimeoutMs: config.stableTimeoutMs,
          retryMs: config.retryMs,
        },
        deps,
      )
  }
}
