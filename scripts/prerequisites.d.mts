// Types of scripts/prerequisites.mjs for the tests.
export interface Machine {
  which(cmd: string): boolean
  exists(path: string): boolean
  list(dir: string): string[]
  arch: string
  isRoot: boolean
  env: Record<string, string | undefined>
  apt(args: string[]): number
  log(text: string): void
}
export interface Prerequisite {
  name: string
  pkg: string
  present(m: Machine): boolean
}
export const PREREQUISITES: Prerequisite[]
export function missingPrerequisites(m: Machine): Prerequisite[]
export function installCommand(pkgs: string[]): string
export function ensurePrerequisites(
  m: Machine,
): { ok: true; installed: string[] } | { ok: false; missing: string[]; message: string }
export function thisMachine(): Machine
