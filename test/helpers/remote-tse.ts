// A TSE outside the till's process (like a live till's fiskaly cloud TSS), set up as a manager does on
// the TSE tab: the API access, a new TSS, this till as its client (docs/fiscal-tse.md "Configuration").

/** Sends one command and returns its value, throwing on an error answer. */
export type Must = (command: string, input: unknown) => Promise<unknown>

export async function setUpRemoteTse(
  must: Must,
  credentials: { key: string; secret: string },
  managerPin = '9999',
): Promise<void> {
  await must('fiscal.setup', {
    action: 'credentials',
    apiKey: credentials.key,
    apiSecret: credentials.secret,
    managerPin,
  })
  await must('fiscal.setup', { action: 'createTss', managerPin })
  const status = (await must('fiscal.status', {})) as { clientId?: string; state?: string }
  if (!status.clientId) await must('fiscal.setup', { action: 'registerClient', managerPin })
  const ready = (await must('fiscal.status', {})) as { clientId?: string; state?: string }
  if (ready.state !== 'INITIALIZED' || !ready.clientId)
    throw new Error(`the remote TSE is not ready: ${JSON.stringify(ready)}`)
}
