/**
 * What decides which nodes a pod may be placed on or stay on, as upstream defines it: taints and
 * tolerations ({@link io.j8s.controllers.placement.TaintMatch}) and nodeSelector plus required
 * node affinity ({@link io.j8s.controllers.placement.NodeSelection}). One implementation shared by
 * the scheduler's filters and scores, the DaemonSet controller's node eligibility and the node
 * lifecycle controller's taint-based eviction.
 */
package io.j8s.controllers.placement;
