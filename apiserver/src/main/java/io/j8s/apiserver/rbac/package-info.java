/**
 * RBAC as upstream (plugin/pkg/auth/authorizer/rbac, pkg/registry/rbac): policy rules and
 * their matching ({@link io.j8s.apiserver.rbac.Rule}), an in-memory index of roles and bindings
 * kept current by the server's own watch ({@link io.j8s.apiserver.rbac.PolicyIndex},
 * {@link io.j8s.apiserver.rbac.IndexFeed}) that decides requests without reading the datastore
 * ({@link io.j8s.apiserver.rbac.RbacPolicy}), escalation prevention on role and binding writes
 * ({@link io.j8s.apiserver.rbac.Coverage}, {@link io.j8s.apiserver.rbac.EscalationGuard}), the
 * default roles and bindings reconciled at start ({@link io.j8s.apiserver.rbac.BootstrapPolicy},
 * {@link io.j8s.apiserver.rbac.Bootstrap}), and the authorization.k8s.io reviews
 * ({@link io.j8s.apiserver.rbac.Reviews}). ClusterRole aggregation is a controller (controllers
 * module), as upstream's.
 */
package io.j8s.apiserver.rbac;
