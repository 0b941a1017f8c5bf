// The export's master data from the till's configuration: one till serial (config tillId) for
// Z_KASSE_ID, KASSE_SERIENNR, the TSE client and the registration; shop name, address and tax ids.
import type { AppConfig } from '../../common/config'
import type { DsfinvkMaster, TseMasterData } from './dsfinvk/export'

export const SOFTWARE = { brand: 'Tresen', version: '0.1.0' } as const

export function masterFromConfig(
  config: Pick<AppConfig, 'tillId' | 'shop'>,
  options: { timeZone?: string; version?: string; tse?: readonly TseMasterData[] } = {},
): DsfinvkMaster {
  return {
    tillId: config.tillId,
    shop: {
      name: config.shop.name,
      address: config.shop.address,
      ...(config.shop.taxNumber ? { taxNumber: config.shop.taxNumber } : {}),
      ...(config.shop.vatId ? { vatId: config.shop.vatId } : {}),
    },
    software: { brand: SOFTWARE.brand, version: options.version ?? SOFTWARE.version },
    timeZone: options.timeZone ?? 'Europe/Berlin',
    ...(options.tse ? { tse: options.tse } : {}),
  }
}
