export { createScale } from './create'
export { SerialScale, type SerialScaleOptions } from './serial-scale'
export { VirtualScale } from './virtual-scale'
export { scaleWeightPrice } from './price'
