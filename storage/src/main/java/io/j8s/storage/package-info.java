/**
 * The datastore: a kine-style revisioned key-value SPI ({@link io.j8s.storage.Backend}) and
 * its drivers. One global, strictly increasing revision numbers every write; it is what the
 * API server hands out as {@code resourceVersion}. Drivers live in sub-packages
 * ({@code sqlite} is the default, {@code etcd} talks to a real etcd) and must pass the same
 * contract test suite. Nothing here knows about Kubernetes types: values are opaque bytes.
 */
package io.j8s.storage;
