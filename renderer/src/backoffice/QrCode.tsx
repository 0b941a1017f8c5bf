// The receipt's QR code on screen: the same payload the printer gets with GS ( k (model 2, level M),
// drawn as one SVG path so a phone app (e.g. a TSE QR checker) can read it off the preview.
import { useMemo } from 'react'
import { encode } from 'uqr'

export function QrCode({ data, label }: { data: string; label: string }) {
  const { path, size } = useMemo(() => {
    const qr = encode(data, { ecc: 'M', border: 2 })
    let d = ''
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`
      }),
    )
    return { path: d, size: qr.size }
  }, [data])
  return (
    <svg
      className="receipt-qr-code"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-qr={data}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
