/**
 * Objects over the datastore: the JSON encoding of stored objects, the key layout from the
 * registry, resourceVersion stamping from the backend revision ({@link ObjectStore}), and the
 * watch cache that turns one backend watch into per-request filtered watch streams with a
 * window of recent history for resuming ({@link WatchCache}).
 */
package io.j8s.apiserver.store;
