// Entry of the settings screen and the demo panel; the shell (renderer/src/app) shows them.
export function SettingsScreen() {
  return null
}
export function DemoPanel() {
  return null
}
