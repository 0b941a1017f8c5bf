// Which key store Electron's safeStorage really uses. On Linux without a keyring (no GNOME keyring, no
// KWallet) Chromium falls back to the `basic_text` backend: a fixed, publicly known password, while
// isEncryptionAvailable() still answers true. That is no protection for a refresh token, so it is
// detected and reported (status bar and log) instead of being taken for an OS key store.
// https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux
import type { Cipher, SecretStorageKind } from '../secrets/encrypted-file-store'

/** The part of Electron's safeStorage read here (getSelectedStorageBackend exists on Linux only). */
export interface SafeStorageLike extends Cipher {
  getSelectedStorageBackend?: () => string
}

export interface KeyStore {
  cipher: Cipher
  kind: SecretStorageKind
  /** The Linux backend name ("gnome_libsecret", "kwallet5", "basic_text", …); null elsewhere. */
  backend: string | null
}

export function inspectKeyStore(safeStorage: SafeStorageLike, platform: string = process.platform): KeyStore {
  const cipher: Cipher = {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  }
  if (!safeStorage.isEncryptionAvailable()) return { cipher, kind: 'memory', backend: null }
  if (platform !== 'linux' || typeof safeStorage.getSelectedStorageBackend !== 'function')
    return { cipher, kind: 'os-key-store', backend: null }
  const backend = safeStorage.getSelectedStorageBackend()
  return { cipher, kind: backend === 'basic_text' ? 'weak-key-store' : 'os-key-store', backend }
}
