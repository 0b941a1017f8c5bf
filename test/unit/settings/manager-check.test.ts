// The register's manager check, which settings.update (and the back office) use for manager-only actions.
import { describe, expect, it } from 'vitest'
import { createRegisterService } from '../../../main/register/register-service'
import { createEventBus } from '../../../main/ipc/event-bus'
import { demoCatalogue } from '../../../main/catalog/demo'
import { DEMO_SELLERS } from '../../../common/sellers'
import { manualClock, memoryLogger } from '../../../common/ports'
import { AppFailure } from '../../../common/result'

function setup() {
  const clock = manualClock()
  const logger = memoryLogger()
  const register = createRegisterService({
    catalogue: demoCatalogue(),
    sellers: DEMO_SELLERS,
    events: createEventBus(logger),
    clock,
    logger,
  })
  return { register, clock, logger }
}

const failureOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected a failure')
}

describe('authorizeManager', () => {
  it('accepts the active manager without a PIN', () => {
    const { register } = setup()
    register.handlers['seller.login']({ sellerId: 'chefin', pin: '9999' })
    expect(register.authorizeManager().id).toBe('chefin')
  })

  it('refuses a seller without a manager PIN and accepts one with it', () => {
    const { register } = setup()
    register.handlers['seller.login']({ sellerId: 'anna', pin: '1111' })
    expect(failureOf(() => register.authorizeManager())).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'seller.error.managerRequired',
    })
    expect(failureOf(() => register.authorizeManager('1111'))).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'seller.error.wrongPin',
    })
    expect(register.authorizeManager('9999').id).toBe('chefin')
    // Authorising one action does not log the manager in.
    expect(register.view().activeSellerId).toBe('anna')
  })

  it('locks manager PINs out after five wrong ones, like a seller login', () => {
    const { register, clock } = setup()
    for (let i = 0; i < 5; i++) failureOf(() => register.authorizeManager('0000'))
    expect(failureOf(() => register.authorizeManager('9999'))).toMatchObject({
      messageKey: 'seller.error.locked',
      params: { seconds: 60 },
    })
    clock.advance(60_001)
    expect(register.authorizeManager('9999').id).toBe('chefin')
  })
})
