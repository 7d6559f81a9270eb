package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding.
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class RbacV1Schema {
  private RbacV1Schema() {}

  static final MessageType AGGREGATION_RULE = message("AggregationRule")
      .list(1, "clusterRoleSelectors", MetaV1Schema.LABEL_SELECTOR);

  static final MessageType POLICY_RULE = message("PolicyRule")
      .list(1, "verbs", STRING)
      .list(2, "apiGroups", STRING)
      .list(3, "resources", STRING)
      .list(4, "resourceNames", STRING)
      .list(5, "nonResourceURLs", STRING);

  static final MessageType CLUSTER_ROLE = message("ClusterRole")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .list(2, "rules", POLICY_RULE)
      .req(3, "aggregationRule", AGGREGATION_RULE);

  static final MessageType ROLE_REF = message("RoleRef")
      .req(1, "apiGroup", STRING)
      .req(2, "kind", STRING)
      .req(3, "name", STRING);

  static final MessageType SUBJECT = message("Subject")
      .req(1, "kind", STRING)
      .opt(2, "apiGroup", STRING)
      .req(3, "name", STRING)
      .opt(4, "namespace", STRING);

  static final MessageType CLUSTER_ROLE_BINDING = message("ClusterRoleBinding")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .list(2, "subjects", SUBJECT)
      .req(3, "roleRef", ROLE_REF);

  static final MessageType ROLE = message("Role")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .list(2, "rules", POLICY_RULE);

  static final MessageType ROLE_BINDING = message("RoleBinding")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .list(2, "subjects", SUBJECT)
      .req(3, "roleRef", ROLE_REF);
}
