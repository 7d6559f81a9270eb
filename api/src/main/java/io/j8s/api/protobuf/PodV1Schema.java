package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * core/v1 PodSpec and what it reaches besides volumes: containers, env, probes, security contexts, affinity.
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class PodV1Schema {
  private PodV1Schema() {}

  static final MessageType NODE_SELECTOR_REQUIREMENT = message("NodeSelectorRequirement")
      .req(1, "key", STRING)
      .req(2, "operator", STRING)
      .list(3, "values", STRING);

  static final MessageType NODE_SELECTOR_TERM = message("NodeSelectorTerm")
      .list(1, "matchExpressions", NODE_SELECTOR_REQUIREMENT)
      .list(2, "matchFields", NODE_SELECTOR_REQUIREMENT);

  static final MessageType NODE_SELECTOR = message("NodeSelector")
      .list(1, "nodeSelectorTerms", NODE_SELECTOR_TERM);

  static final MessageType PREFERRED_SCHEDULING_TERM = message("PreferredSchedulingTerm")
      .req(1, "weight", INT32)
      .req(2, "preference", NODE_SELECTOR_TERM);

  static final MessageType NODE_AFFINITY = message("NodeAffinity")
      .req(1, "requiredDuringSchedulingIgnoredDuringExecution", NODE_SELECTOR)
      .list(2, "preferredDuringSchedulingIgnoredDuringExecution", PREFERRED_SCHEDULING_TERM);

  static final MessageType POD_AFFINITY_TERM = message("PodAffinityTerm")
      .req(1, "labelSelector", MetaV1Schema.LABEL_SELECTOR)
      .list(2, "namespaces", STRING)
      .req(3, "topologyKey", STRING)
      .req(4, "namespaceSelector", MetaV1Schema.LABEL_SELECTOR)
      .list(5, "matchLabelKeys", STRING)
      .list(6, "mismatchLabelKeys", STRING);

  static final MessageType WEIGHTED_POD_AFFINITY_TERM = message("WeightedPodAffinityTerm")
      .req(1, "weight", INT32)
      .req(2, "podAffinityTerm", POD_AFFINITY_TERM);

  static final MessageType POD_AFFINITY = message("PodAffinity")
      .list(1, "requiredDuringSchedulingIgnoredDuringExecution", POD_AFFINITY_TERM)
      .list(2, "preferredDuringSchedulingIgnoredDuringExecution", WEIGHTED_POD_AFFINITY_TERM);

  static final MessageType POD_ANTI_AFFINITY = message("PodAntiAffinity")
      .list(1, "requiredDuringSchedulingIgnoredDuringExecution", POD_AFFINITY_TERM)
      .list(2, "preferredDuringSchedulingIgnoredDuringExecution", WEIGHTED_POD_AFFINITY_TERM);

  static final MessageType AFFINITY = message("Affinity")
      .req(1, "nodeAffinity", NODE_AFFINITY)
      .req(2, "podAffinity", POD_AFFINITY)
      .req(3, "podAntiAffinity", POD_ANTI_AFFINITY);

  static final MessageType CONTAINER_PORT = message("ContainerPort")
      .opt(1, "name", STRING)
      .opt(2, "hostPort", INT32)
      .req(3, "containerPort", INT32)
      .opt(4, "protocol", STRING)
      .opt(5, "hostIP", STRING);

  static final MessageType CONTAINER_RESIZE_POLICY = message("ContainerResizePolicy")
      .req(1, "resourceName", STRING)
      .req(2, "restartPolicy", STRING);

  static final MessageType CONFIG_MAP_ENV_SOURCE = message("ConfigMapEnvSource")
      .inline(1, VolumeV1Schema.LOCAL_OBJECT_REFERENCE)
      .req(2, "optional", BOOL);

  static final MessageType SECRET_ENV_SOURCE = message("SecretEnvSource")
      .inline(1, VolumeV1Schema.LOCAL_OBJECT_REFERENCE)
      .req(2, "optional", BOOL);

  static final MessageType ENV_FROM_SOURCE = message("EnvFromSource")
      .opt(1, "prefix", STRING)
      .req(2, "configMapRef", CONFIG_MAP_ENV_SOURCE)
      .req(3, "secretRef", SECRET_ENV_SOURCE);

  static final MessageType CONFIG_MAP_KEY_SELECTOR = message("ConfigMapKeySelector")
      .inline(1, VolumeV1Schema.LOCAL_OBJECT_REFERENCE)
      .req(2, "key", STRING)
      .req(3, "optional", BOOL);

  static final MessageType SECRET_KEY_SELECTOR = message("SecretKeySelector")
      .inline(1, VolumeV1Schema.LOCAL_OBJECT_REFERENCE)
      .req(2, "key", STRING)
      .req(3, "optional", BOOL);

  static final MessageType ENV_VAR_SOURCE = message("EnvVarSource")
      .req(1, "fieldRef", VolumeV1Schema.OBJECT_FIELD_SELECTOR)
      .req(2, "resourceFieldRef", VolumeV1Schema.RESOURCE_FIELD_SELECTOR)
      .req(3, "configMapKeyRef", CONFIG_MAP_KEY_SELECTOR)
      .req(4, "secretKeyRef", SECRET_KEY_SELECTOR);

  static final MessageType ENV_VAR = message("EnvVar")
      .req(1, "name", STRING)
      .opt(2, "value", STRING)
      .req(3, "valueFrom", ENV_VAR_SOURCE);

  static final MessageType EXEC_ACTION = message("ExecAction")
      .list(1, "command", STRING);

  static final MessageType HTTP_HEADER = message("HTTPHeader")
      .req(1, "name", STRING)
      .req(2, "value", STRING);

  static final MessageType HTTP_GET_ACTION = message("HTTPGetAction")
      .opt(1, "path", STRING)
      .req(2, "port", INT_OR_STRING)
      .opt(3, "host", STRING)
      .opt(4, "scheme", STRING)
      .list(5, "httpHeaders", HTTP_HEADER);

  static final MessageType SLEEP_ACTION = message("SleepAction")
      .req(1, "seconds", INT64);

  static final MessageType TCP_SOCKET_ACTION = message("TCPSocketAction")
      .req(1, "port", INT_OR_STRING)
      .opt(2, "host", STRING);

  static final MessageType LIFECYCLE_HANDLER = message("LifecycleHandler")
      .req(1, "exec", EXEC_ACTION)
      .req(2, "httpGet", HTTP_GET_ACTION)
      .req(3, "tcpSocket", TCP_SOCKET_ACTION)
      .req(4, "sleep", SLEEP_ACTION);

  static final MessageType LIFECYCLE = message("Lifecycle")
      .req(1, "postStart", LIFECYCLE_HANDLER)
      .req(2, "preStop", LIFECYCLE_HANDLER);

  static final MessageType GRPC_ACTION = message("GRPCAction")
      .req(1, "port", INT32)
      .req(2, "service", STRING);

  static final MessageType PROBE_HANDLER = message("ProbeHandler")
      .req(1, "exec", EXEC_ACTION)
      .req(2, "httpGet", HTTP_GET_ACTION)
      .req(3, "tcpSocket", TCP_SOCKET_ACTION)
      .req(4, "grpc", GRPC_ACTION);

  static final MessageType PROBE = message("Probe")
      .inline(1, PROBE_HANDLER)
      .opt(2, "initialDelaySeconds", INT32)
      .opt(3, "timeoutSeconds", INT32)
      .opt(4, "periodSeconds", INT32)
      .opt(5, "successThreshold", INT32)
      .opt(6, "failureThreshold", INT32)
      .req(7, "terminationGracePeriodSeconds", INT64);

  static final MessageType RESOURCE_CLAIM = message("ResourceClaim")
      .req(1, "name", STRING)
      .opt(2, "request", STRING);

  static final MessageType RESOURCE_REQUIREMENTS = message("ResourceRequirements")
      .map(1, "limits", QUANTITY)
      .map(2, "requests", QUANTITY)
      .list(3, "claims", RESOURCE_CLAIM);

  static final MessageType APP_ARMOR_PROFILE = message("AppArmorProfile")
      .req(1, "type", STRING)
      .req(2, "localhostProfile", STRING);

  static final MessageType CAPABILITIES = message("Capabilities")
      .list(1, "add", STRING)
      .list(2, "drop", STRING);

  static final MessageType SE_LINUX_OPTIONS = message("SELinuxOptions")
      .opt(1, "user", STRING)
      .opt(2, "role", STRING)
      .opt(3, "type", STRING)
      .opt(4, "level", STRING);

  static final MessageType SECCOMP_PROFILE = message("SeccompProfile")
      .req(1, "type", STRING)
      .req(2, "localhostProfile", STRING);

  static final MessageType WINDOWS_SECURITY_CONTEXT_OPTIONS = message("WindowsSecurityContextOptions")
      .req(1, "gmsaCredentialSpecName", STRING)
      .req(2, "gmsaCredentialSpec", STRING)
      .req(3, "runAsUserName", STRING)
      .req(4, "hostProcess", BOOL);

  static final MessageType SECURITY_CONTEXT = message("SecurityContext")
      .req(1, "capabilities", CAPABILITIES)
      .req(2, "privileged", BOOL)
      .req(3, "seLinuxOptions", SE_LINUX_OPTIONS)
      .req(10, "windowsOptions", WINDOWS_SECURITY_CONTEXT_OPTIONS)
      .req(4, "runAsUser", INT64)
      .req(8, "runAsGroup", INT64)
      .req(5, "runAsNonRoot", BOOL)
      .req(6, "readOnlyRootFilesystem", BOOL)
      .req(7, "allowPrivilegeEscalation", BOOL)
      .req(9, "procMount", STRING)
      .req(11, "seccompProfile", SECCOMP_PROFILE)
      .req(12, "appArmorProfile", APP_ARMOR_PROFILE);

  static final MessageType VOLUME_DEVICE = message("VolumeDevice")
      .req(1, "name", STRING)
      .req(2, "devicePath", STRING);

  static final MessageType VOLUME_MOUNT = message("VolumeMount")
      .req(1, "name", STRING)
      .opt(2, "readOnly", BOOL)
      .req(7, "recursiveReadOnly", STRING)
      .req(3, "mountPath", STRING)
      .opt(4, "subPath", STRING)
      .req(5, "mountPropagation", STRING)
      .opt(6, "subPathExpr", STRING);

  /** Container and EphemeralContainerCommon carry the same fields under the same numbers. */
  private static MessageType containerFields(MessageType m) {
    return m
        .req(1, "name", STRING)
        .opt(2, "image", STRING)
        .list(3, "command", STRING)
        .list(4, "args", STRING)
        .opt(5, "workingDir", STRING)
        .list(6, "ports", CONTAINER_PORT)
        .list(19, "envFrom", ENV_FROM_SOURCE)
        .list(7, "env", ENV_VAR)
        .req(8, "resources", RESOURCE_REQUIREMENTS)
        .list(23, "resizePolicy", CONTAINER_RESIZE_POLICY)
        .req(24, "restartPolicy", STRING)
        .list(9, "volumeMounts", VOLUME_MOUNT)
        .list(21, "volumeDevices", VOLUME_DEVICE)
        .req(10, "livenessProbe", PROBE)
        .req(11, "readinessProbe", PROBE)
        .req(22, "startupProbe", PROBE)
        .req(12, "lifecycle", LIFECYCLE)
        .opt(13, "terminationMessagePath", STRING)
        .opt(20, "terminationMessagePolicy", STRING)
        .opt(14, "imagePullPolicy", STRING)
        .req(15, "securityContext", SECURITY_CONTEXT)
        .opt(16, "stdin", BOOL)
        .opt(17, "stdinOnce", BOOL)
        .opt(18, "tty", BOOL);
  }

  static final MessageType CONTAINER = containerFields(message("Container"));

  static final MessageType EPHEMERAL_CONTAINER_COMMON = containerFields(message("EphemeralContainerCommon"));

  static final MessageType EPHEMERAL_CONTAINER = message("EphemeralContainer")
      .inline(1, EPHEMERAL_CONTAINER_COMMON)
      .opt(2, "targetContainerName", STRING);

  static final MessageType HOST_ALIAS = message("HostAlias")
      .req(1, "ip", STRING)
      .list(2, "hostnames", STRING);

  static final MessageType POD_DNS_CONFIG_OPTION = message("PodDNSConfigOption")
      .opt(1, "name", STRING)
      .req(2, "value", STRING);

  static final MessageType POD_DNS_CONFIG = message("PodDNSConfig")
      .list(1, "nameservers", STRING)
      .list(2, "searches", STRING)
      .list(3, "options", POD_DNS_CONFIG_OPTION);

  static final MessageType POD_OS = message("PodOS")
      .req(1, "name", STRING);

  static final MessageType POD_READINESS_GATE = message("PodReadinessGate")
      .req(1, "conditionType", STRING);

  static final MessageType POD_RESOURCE_CLAIM = message("PodResourceClaim")
      .req(1, "name", STRING)
      .req(3, "resourceClaimName", STRING)
      .req(4, "resourceClaimTemplateName", STRING);

  static final MessageType POD_SCHEDULING_GATE = message("PodSchedulingGate")
      .req(1, "name", STRING);

  static final MessageType SYSCTL = message("Sysctl")
      .req(1, "name", STRING)
      .req(2, "value", STRING);

  static final MessageType POD_SECURITY_CONTEXT = message("PodSecurityContext")
      .req(1, "seLinuxOptions", SE_LINUX_OPTIONS)
      .req(8, "windowsOptions", WINDOWS_SECURITY_CONTEXT_OPTIONS)
      .req(2, "runAsUser", INT64)
      .req(6, "runAsGroup", INT64)
      .req(3, "runAsNonRoot", BOOL)
      .list(4, "supplementalGroups", INT64)
      .req(12, "supplementalGroupsPolicy", STRING)
      .req(5, "fsGroup", INT64)
      .list(7, "sysctls", SYSCTL)
      .req(9, "fsGroupChangePolicy", STRING)
      .req(10, "seccompProfile", SECCOMP_PROFILE)
      .req(11, "appArmorProfile", APP_ARMOR_PROFILE)
      .req(13, "seLinuxChangePolicy", STRING);

  static final MessageType TOLERATION = message("Toleration")
      .opt(1, "key", STRING)
      .opt(2, "operator", STRING)
      .opt(3, "value", STRING)
      .opt(4, "effect", STRING)
      .req(5, "tolerationSeconds", INT64);

  static final MessageType TOPOLOGY_SPREAD_CONSTRAINT = message("TopologySpreadConstraint")
      .req(1, "maxSkew", INT32)
      .req(2, "topologyKey", STRING)
      .req(3, "whenUnsatisfiable", STRING)
      .req(4, "labelSelector", MetaV1Schema.LABEL_SELECTOR)
      .req(5, "minDomains", INT32)
      .req(6, "nodeAffinityPolicy", STRING)
      .req(7, "nodeTaintsPolicy", STRING)
      .list(8, "matchLabelKeys", STRING);

  static final MessageType POD_SPEC = message("PodSpec")
      .list(1, "volumes", VolumeV1Schema.VOLUME)
      .list(20, "initContainers", CONTAINER)
      .list(2, "containers", CONTAINER)
      .list(34, "ephemeralContainers", EPHEMERAL_CONTAINER)
      .opt(3, "restartPolicy", STRING)
      .req(4, "terminationGracePeriodSeconds", INT64)
      .req(5, "activeDeadlineSeconds", INT64)
      .opt(6, "dnsPolicy", STRING)
      .map(7, "nodeSelector", STRING)
      .opt(8, "serviceAccountName", STRING)
      .opt(9, "serviceAccount", STRING)
      .req(21, "automountServiceAccountToken", BOOL)
      .opt(10, "nodeName", STRING)
      .opt(11, "hostNetwork", BOOL)
      .opt(12, "hostPID", BOOL)
      .opt(13, "hostIPC", BOOL)
      .req(27, "shareProcessNamespace", BOOL)
      .req(14, "securityContext", POD_SECURITY_CONTEXT)
      .list(15, "imagePullSecrets", VolumeV1Schema.LOCAL_OBJECT_REFERENCE)
      .opt(16, "hostname", STRING)
      .opt(17, "subdomain", STRING)
      .req(18, "affinity", AFFINITY)
      .opt(19, "schedulerName", STRING)
      .list(22, "tolerations", TOLERATION)
      .list(23, "hostAliases", HOST_ALIAS)
      .opt(24, "priorityClassName", STRING)
      .req(25, "priority", INT32)
      .req(26, "dnsConfig", POD_DNS_CONFIG)
      .list(28, "readinessGates", POD_READINESS_GATE)
      .req(29, "runtimeClassName", STRING)
      .req(30, "enableServiceLinks", BOOL)
      .req(31, "preemptionPolicy", STRING)
      .map(32, "overhead", QUANTITY)
      .list(33, "topologySpreadConstraints", TOPOLOGY_SPREAD_CONSTRAINT)
      .req(35, "setHostnameAsFQDN", BOOL)
      .req(36, "os", POD_OS)
      .req(37, "hostUsers", BOOL)
      .list(38, "schedulingGates", POD_SCHEDULING_GATE)
      .list(39, "resourceClaims", POD_RESOURCE_CLAIM)
      .req(40, "resources", RESOURCE_REQUIREMENTS);
}
