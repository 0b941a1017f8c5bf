// The app's own origin: renderer pages are served from app://tresen/ and nothing else is trusted.
export const APP_SCHEME = 'app'
export const APP_ORIGIN = 'app://tresen'
export const MAIN_PAGE = `${APP_ORIGIN}/index.html`
export const DISPLAY_PAGE = `${APP_ORIGIN}/display.html`

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === 'tresen'
  } catch {
    return false
  }
}
