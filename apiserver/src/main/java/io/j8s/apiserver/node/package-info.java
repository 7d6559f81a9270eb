/**
 * What a node may do, as upstream's Node authorizer and NodeRestriction admission plugin: a
 * {@code system:node:<name>} user may read what every kubelet reads, write only its own Node,
 * Lease, mirror pods and the status of pods bound to it, and read only the secrets,
 * configmaps, PVCs and service accounts (tokens) that pods bound to it use. The pod graph
 * ({@link io.j8s.apiserver.node.PodRefs} per pod, kept by {@link io.j8s.apiserver.node.NodeGraphFeed}
 * from the server's watch cache) is the input of a pure decision ({@link io.j8s.apiserver.node.NodeRules});
 * {@link io.j8s.apiserver.node.NodeAuthorizer} puts it in front of RBAC and
 * {@link io.j8s.apiserver.node.NodeRestriction} checks the bodies of node writes.
 */
package io.j8s.apiserver.node;
