/**
 * Resource accounting shared by the API server's admission (LimitRanger and ResourceQuota) and
 * the quota controller, all pure: quantities in upstream's canonical form, a pod's effective
 * requests and limits (init containers and sidecars as upstream), what one object uses of a
 * quota ({@link io.j8s.api.quota.Evaluator}: pods, services, claims, object counts), whether a
 * create fits every quota of its namespace ({@link io.j8s.api.quota.QuotaCheck}), a quota's
 * usage summed over the objects of its namespace ({@link io.j8s.api.quota.QuotaUsage}), and a
 * LimitRange's defaults and bounds ({@link io.j8s.api.quota.LimitRanger}).
 */
package io.j8s.api.quota;
