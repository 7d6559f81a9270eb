package io.j8s.api.protobuf;

import java.util.Map;

/** The top-level kinds the decoder knows, by apiVersion and kind. */
final class Kinds {
  private Kinds() {}

  private static final Map<String, MessageType> KINDS = Map.ofEntries(
      Map.entry("v1/Namespace", CoreV1Schema.NAMESPACE),
      Map.entry("v1/ConfigMap", CoreV1Schema.CONFIG_MAP),
      Map.entry("v1/Secret", CoreV1Schema.SECRET),
      Map.entry("v1/ServiceAccount", CoreV1Schema.SERVICE_ACCOUNT),
      Map.entry("v1/Service", CoreV1Schema.SERVICE),
      Map.entry("v1/ResourceQuota", CoreV1Schema.RESOURCE_QUOTA),
      Map.entry("v1/Pod", CoreV1Schema.POD),
      Map.entry("apps/v1/Deployment", AppsV1Schema.DEPLOYMENT),
      Map.entry("batch/v1/Job", BatchV1Schema.JOB),
      Map.entry("batch/v1/CronJob", BatchV1Schema.CRON_JOB),
      Map.entry("rbac.authorization.k8s.io/v1/Role", RbacV1Schema.ROLE),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", RbacV1Schema.CLUSTER_ROLE),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RbacV1Schema.ROLE_BINDING),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", RbacV1Schema.CLUSTER_ROLE_BINDING),
      Map.entry("networking.k8s.io/v1/Ingress", NetworkingV1Schema.INGRESS),
      Map.entry("policy/v1/PodDisruptionBudget", PolicyV1Schema.POD_DISRUPTION_BUDGET),
      Map.entry("scheduling.k8s.io/v1/PriorityClass", SchedulingV1Schema.PRIORITY_CLASS),
      Map.entry("autoscaling/v1/HorizontalPodAutoscaler", AutoscalingV1Schema.HORIZONTAL_POD_AUTOSCALER),
      Map.entry("certificates.k8s.io/v1/CertificateSigningRequest", CertificatesV1Schema.CERTIFICATE_SIGNING_REQUEST),
      Map.entry("authentication.k8s.io/v1/TokenRequest", AuthenticationV1Schema.TOKEN_REQUEST),
      Map.entry("authorization.k8s.io/v1/SelfSubjectAccessReview", AuthorizationV1Schema.SELF_SUBJECT_ACCESS_REVIEW),
      Map.entry("authorization.k8s.io/v1/SelfSubjectRulesReview", AuthorizationV1Schema.SELF_SUBJECT_RULES_REVIEW),
      Map.entry("authorization.k8s.io/v1/SubjectAccessReview", AuthorizationV1Schema.SUBJECT_ACCESS_REVIEW),
      Map.entry("authorization.k8s.io/v1/LocalSubjectAccessReview", AuthorizationV1Schema.LOCAL_SUBJECT_ACCESS_REVIEW));

  static MessageType lookup(String apiVersion, String kind) { return KINDS.get(apiVersion + "/" + kind); }

  static Map<String, MessageType> all() { return KINDS; }
}
