export {
  decodeEscPos,
  decodeText,
  type DecodeResult,
  type DecodedCommand,
  type DecodedLine,
  type DecodeOptions,
} from './decode'
export { decodeByte, encodeChar, EPSON_CODEPAGE_NUMBERS, type CodepageName } from './codepages'
export { qrPayloads } from './qr'
