// Entry of the back-office screens; the shell (renderer/src/app) shows it as one of its screens.
export function BackOfficeScreen() {
  return null
}
