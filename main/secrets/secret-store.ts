// Where the client keeps tokens and the client secret. Production passes an Electron safeStorage-backed
// store (never plaintext on disk); tests and the browser host use the in-memory one.

export interface SecretStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial))
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  }
}
