/**
 * The resource quota controller: keeps each ResourceQuota's {@code status} (hard mirrored from
 * spec, used counted from the namespace's objects) exact. Admission charges creates as they
 * happen; this controller gives back what deletes and terminal pods free (promptly: deletes of
 * pods, services, claims, config maps, secrets and quotas, and pods turning terminal, requeue their
 * namespace's quotas) and corrects any drift with a full recount of every quota every five
 * minutes. A recount reads the quota, lists the objects live (never from the informer cache, so
 * nothing admitted before the read is missed) and writes the status with the quota's
 * resourceVersion: a charge in between makes the write conflict and the recount runs again.
 * {@link io.j8s.controllers.quota.QuotaPlanner} is the pure part.
 */
package io.j8s.controllers.quota;
