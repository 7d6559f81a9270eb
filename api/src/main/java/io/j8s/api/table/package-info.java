/**
 * Server-side tables ({@code meta.k8s.io/v1 Table}) for {@code kubectl get}: per kind the columns
 * upstream prints (priority 1 only with {@code -o wide}) and the cells computed from each object's
 * JSON, including upstream's pod status logic and its human-readable ages. Pure functions of the
 * objects and the current time; the API server only chooses when to answer with a table.
 */
package io.j8s.api.table;
