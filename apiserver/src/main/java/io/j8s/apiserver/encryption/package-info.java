/**
 * Secrets encrypted at rest: the API server's datastore is wrapped so that every Secret's value
 * is sealed with AES-256-GCM before any driver (SQLite or etcd) stores it and opened when read
 * (see {@code io.j8s.storage.encryption} for the envelope and the rotation). This package names
 * what is encrypted (keys under the secrets prefix), where the keys live
 * ({@code <data-dir>/server/encryption-keys}, mode 0600, made at first start) and how a key
 * rotation is run against a stopped server's datastore.
 */
package io.j8s.apiserver.encryption;
