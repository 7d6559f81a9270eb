/**
 * The Kubernetes REST semantics over the object store: path parsing, the verbs (get, list,
 * create, update, patch, delete, deletecollection, watch), subresources, admission (decode,
 * unknown fields, defaulting, validation, per-kind preparation), list options and chunking,
 * Table output, and the mapping of every failure to a {@code Status}.
 */
package io.j8s.apiserver.rest;
