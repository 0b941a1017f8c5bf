// The virtual drawer: same request handling as the real ones (DrawerCore), over a drawer in memory that
// can be opened, closed by "the cashier", stuck, or unplugged.
import { TransportError } from '../printer/transports/transport'
import { DrawerCore, type DrawerDeps, type DrawerSense } from '../drawer/drawer-core'

export interface VirtualDrawerOptions {
  id?: string
  /** false for a drawer without sensor: open() then reports `open: null`. */
  sensor?: boolean
  confirmMs?: number
}

export class VirtualDrawer extends DrawerCore {
  /** Kicks received, whether or not the drawer moved. */
  kicks = 0
  private isOpenNow = false
  private stuck = false
  private plugged = true

  constructor(
    private readonly options: VirtualDrawerOptions = {},
    deps: DrawerDeps = {},
  ) {
    super(
      {
        id: options.id ?? 'drawer',
        virtual: true,
        busyMs: 600,
        confirmMs: options.confirmMs ?? 200,
        pollMs: 20,
      },
      deps,
    )
  }

  get drawerOpen(): boolean {
    return this.isOpenNow
  }

  /** The cashier pushes the drawer shut. */
  shut(): void {
    this.isOpenNow = false
    void this.status()
  }

  setStuck(stuck: boolean): void {
    this.stuck = stuck
  }

  unplug(): void {
    this.plugged = false
  }

  plugIn(): void {
    this.plugged = true
  }

  protected async kick(): Promise<void> {
    if (!this.plugged) throw new TransportError('disconnected', 'virtual drawer is unplugged')
    this.kicks++
    if (!this.stuck) this.isOpenNow = true
  }

  protected async sense(): Promise<DrawerSense> {
    if (!this.plugged) throw new TransportError('disconnected', 'virtual drawer is unplugged')
    return this.options.sensor === false ? null : this.isOpenNow
  }

  protected async release(): Promise<void> {}

  protected describe(): string {
    return 'virtual'
  }
}
