// Serves the built renderer for both the Electron app:// protocol and the browser host: safe path
// resolution (no escape from the root), content types, and the security headers every page gets.
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../common/csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
}

// No '.map': source maps are never served (the build emits none for the renderer, and a stray one
// would show the source to anyone with the token).

/** Pages the app serves by name; everything else must be a file under the root. */
const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/display': 'display.html',
  '/display.html': 'display.html',
}

export { CONTENT_SECURITY_POLICY }

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** The file for a URL path under `root`, or null when it would leave the root or is not servable. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let path: string
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0])
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const page = PAGES[path]
  const relative = page ?? path.replace(/^\/+/, '')
  if (!relative || !TYPES[extname(relative)]) return null
  const full = normalize(join(root, relative))
  const rootWithSep = root.endsWith(sep) ? root : root + sep
  return full.startsWith(rootWithSep) ? full : null
}

export interface StaticFile {
  body: Buffer
  headers: Record<string, string>
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const file = resolveStaticPath(root, urlPath)
  if (!file) return null
  try {
    const body = await readFile(file)
    const type = TYPES[extname(file)]
    const cache = type.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable'
    return { body, headers: { 'Content-Type': type, 'Cache-Control': cache, ...SECURITY_HEADERS } }
  } catch {
    return null
  }
}
