// Wraps the fetch the secuconnect client uses, so the till knows whether the API answers without an
// extra request: any HTTP response means the network path works; a thrown fetch means it does not.
export type Connectivity = 'online' | 'offline' | 'unknown'

export function observedFetch(
  inner: typeof globalThis.fetch,
  onResult: (connectivity: Exclude<Connectivity, 'unknown'>) => void,
): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      const response = await inner(input, init)
      onResult('online')
      return response
    } catch (error) {
      // An abort we asked for (timeout) counts as offline too: the API did not answer in time.
      onResult('offline')
      throw error
    }
  }
}
