/**
 * The DaemonSet controller: one pod per eligible node ({@link
 * io.j8s.controllers.daemonset.NodeEligibility}: nodeSelector, required node affinity, taints
 * against the template's tolerations plus upstream's daemon defaults), following nodes as they
 * come and go, RollingUpdate (maxUnavailable, maxSurge) and OnDelete ({@link
 * io.j8s.controllers.daemonset.DaemonSetPlanner}), ControllerRevisions and the
 * {@code controller-revision-hash} label ({@link io.j8s.controllers.daemonset.Revisions}) so
 * {@code kubectl rollout status|history|undo ds} work, and the status counts. Pods are bound by
 * setting {@code spec.nodeName} directly (they never wait for a scheduler) and also carry
 * upstream's node affinity {@code matchFields metadata.name In [node]}, which keeps them
 * consistent with what a scheduler or kubelet admission would check. Adopting orphaned pods and
 * hash-collision handling are left out.
 */
package io.j8s.controllers.daemonset;
