// German and English texts of the settings screen, pairing and the demo panel.
export const settingsDe = {}
export const settingsEn: typeof settingsDe = {}
