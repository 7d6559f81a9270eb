/**
 * Values encrypted at rest, in the layer between the API server and any datastore driver (so
 * SQLite and etcd get it alike), after upstream's aesgcm provider: {@link EncryptingBackend} wraps a
 * {@link io.j8s.storage.Backend} and seals the values of keys under one prefix with
 * {@link AesGcmEnvelope} as {@code k8s:enc:aesgcm:v1:<key name>:} + 12-byte random nonce +
 * AES-256-GCM ciphertext and tag, the storage key being the associated data (a ciphertext moved
 * to another key does not open). A {@link KeyRing} holds the keys: the first seals, every one
 * opens; values stored in clear (written before encryption) are read as they are and sealed when
 * next written. {@link KeyFile} keeps the ring in a mode-0600 file, replaced atomically.
 *
 * <p>{@link KeyRotation} rotates offline, with the server stopped (the SQLite driver's file lock
 * refuses a second opener): it puts a new key first in the file, re-seals every value under the
 * prefix with it, checks that none is left under an old key, compacts the history away (old
 * ciphertexts and any clear text), and only then drops the old keys from the file. Interrupted at
 * any step, the file still holds every key some value needs.
 */
package io.j8s.storage.encryption;
