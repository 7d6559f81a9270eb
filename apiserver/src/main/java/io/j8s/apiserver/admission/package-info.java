/**
 * Admission plugins beyond defaulting and validation, as upstream's: LimitRanger (container
 * defaults, then min/max/ratio bounds on pods and claims) and ResourceQuota (usage charged into
 * {@code status.used} so that no interleaving of creates exceeds a quota). The pure rules live
 * in {@code io.j8s.api.quota}; this package reads the namespace's LimitRanges and quotas from
 * the store, serializes quota decisions per namespace, and writes the charges.
 *
 * <p>Quota concurrency, in one API server process: every namespaced create takes its
 * namespace's read lock (shared) and looks for quotas; when one tracks the object, it trades it
 * for the write lock (exclusive) and, under it, re-reads the quotas, decides, stores the object,
 * and only then charges each quota with a compare-and-swap of its status. Writes of a
 * ResourceQuota itself (spec and status, the quota controller's included) take the write lock
 * too, and a new quota's or changed spec's usage is computed from live lists under it. So a
 * decision always sees every object admitted before it; a store that fails charges nothing;
 * the controller's recount (a live list, written with the quota's resourceVersion under the
 * lock) can never drop an admitted object: an admission either finished before the controller
 * read the quota (its object is in the list) or charged after (the write conflicts and the
 * controller retries). Charging after the store, unlike upstream's order, trades a crash
 * between the two (usage low until the controller's next recount) for never charging a create
 * that failed. Several API servers sharing a datastore would need upstream's order and
 * cross-process charging, which this package does not attempt.
 */
package io.j8s.apiserver.admission;
