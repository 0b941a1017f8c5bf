// The one Content Security Policy of the app. The browser host sends it as a header, Electron's app://
// protocol sends the same header, and both HTML pages get it as a meta tag at build time
// (electron.vite.config.ts replaces CSP_PLACEHOLDER), so the three can never drift apart.
//
// connect-src 'self' is all the browser host's WebSocket needs: CSP Level 3 lets 'self' match ws: on
// the page's own host and port (https://www.w3.org/TR/CSP3/#match-url-to-source-expression). Electron
// talks over IPC, so no ws:// source (and no ws://localhost:*) is allowed anywhere.
export const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
]

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ')

/** The meta-tag form: frame-ancestors is ignored (and warned about) in a meta tag, so only the header has it. */
export const META_CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.filter(([name]) => name !== 'frame-ancestors')
  .map(([name, value]) => `${name} ${value}`)
  .join('; ')

/** What renderer/*.html carry in their CSP meta tag until the build puts the policy in. */
export const CSP_PLACEHOLDER = '%TRESEN_CSP%'

/** The page with its CSP meta tag filled in; throws when a page lacks the placeholder. */
export function withContentSecurityPolicy(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error('HTML page without the CSP placeholder')
  return html.split(CSP_PLACEHOLDER).join(META_CONTENT_SECURITY_POLICY)
}
