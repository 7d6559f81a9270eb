/**
 * Taints and tolerations as upstream defines them (shared by the node lifecycle controller's
 * taint-based eviction and the DaemonSet controller's node eligibility).
 */
package io.j8s.controllers.taints;
