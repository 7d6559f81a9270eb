package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.MessageType.message;
import static io.j8s.api.protobuf.MessageType.object;
import static io.j8s.api.protobuf.Scalar.*;

/**
 * core/v1 kinds: Namespace, ConfigMap, Secret, ServiceAccount, Service, ResourceQuota, Pod (+ PodTemplateSpec, PodStatus).
 *
 * <p>Field numbers, JSON names and omitempty/pointer-ness are those kubectl v1.32 encodes with (see
 * the package doc for how they were read off the binary and checked); leaf messages come first.
 */
final class CoreV1Schema {
  private CoreV1Schema() {}

  static final MessageType POD_TEMPLATE_SPEC = message("PodTemplateSpec")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .req(2, "spec", PodV1Schema.POD_SPEC);

  static final MessageType OBJECT_REFERENCE = message("ObjectReference")
      .opt(1, "kind", STRING)
      .opt(2, "namespace", STRING)
      .opt(3, "name", STRING)
      .opt(4, "uid", STRING)
      .opt(5, "apiVersion", STRING)
      .opt(6, "resourceVersion", STRING)
      .opt(7, "fieldPath", STRING);

  static final MessageType CLIENT_IP_CONFIG = message("ClientIPConfig")
      .req(1, "timeoutSeconds", INT32);

  static final MessageType CONFIG_MAP = message("ConfigMap")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .req(4, "immutable", BOOL)
      .map(2, "data", STRING)
      .map(3, "binaryData", BYTES);

  static final MessageType CONTAINER_STATE_RUNNING = message("ContainerStateRunning")
      .req(1, "startedAt", TIME);

  static final MessageType CONTAINER_STATE_TERMINATED = message("ContainerStateTerminated")
      .req(1, "exitCode", INT32)
      .opt(2, "signal", INT32)
      .opt(3, "reason", STRING)
      .opt(4, "message", STRING)
      .req(5, "startedAt", TIME)
      .req(6, "finishedAt", TIME)
      .opt(7, "containerID", STRING);

  static final MessageType CONTAINER_STATE_WAITING = message("ContainerStateWaiting")
      .opt(1, "reason", STRING)
      .opt(2, "message", STRING);

  static final MessageType CONTAINER_STATE = message("ContainerState")
      .req(1, "waiting", CONTAINER_STATE_WAITING)
      .req(2, "running", CONTAINER_STATE_RUNNING)
      .req(3, "terminated", CONTAINER_STATE_TERMINATED);

  static final MessageType LINUX_CONTAINER_USER = message("LinuxContainerUser")
      .req(1, "uid", INT64)
      .req(2, "gid", INT64)
      .list(3, "supplementalGroups", INT64);

  static final MessageType CONTAINER_USER = message("ContainerUser")
      .req(1, "linux", LINUX_CONTAINER_USER);

  static final MessageType RESOURCE_HEALTH = message("ResourceHealth")
      .req(1, "resourceID", STRING)
      .opt(2, "health", STRING);

  static final MessageType RESOURCE_STATUS = message("ResourceStatus")
      .req(1, "name", STRING)
      .list(2, "resources", RESOURCE_HEALTH);

  static final MessageType VOLUME_MOUNT_STATUS = message("VolumeMountStatus")
      .req(1, "name", STRING)
      .req(2, "mountPath", STRING)
      .opt(3, "readOnly", BOOL)
      .req(4, "recursiveReadOnly", STRING);

  static final MessageType CONTAINER_STATUS = message("ContainerStatus")
      .req(1, "name", STRING)
      .req(2, "state", CONTAINER_STATE)
      .req(3, "lastState", CONTAINER_STATE)
      .req(4, "ready", BOOL)
      .req(5, "restartCount", INT32)
      .req(6, "image", STRING)
      .req(7, "imageID", STRING)
      .opt(8, "containerID", STRING)
      .req(9, "started", BOOL)
      .map(10, "allocatedResources", QUANTITY)
      .req(11, "resources", PodV1Schema.RESOURCE_REQUIREMENTS)
      .list(12, "volumeMounts", VOLUME_MOUNT_STATUS)
      .req(13, "user", CONTAINER_USER)
      .list(14, "allocatedResourcesStatus", RESOURCE_STATUS);

  static final MessageType HOST_IP = message("HostIP")
      .req(1, "ip", STRING);

  static final MessageType PORT_STATUS = message("PortStatus")
      .req(1, "port", INT32)
      .req(2, "protocol", STRING)
      .req(3, "error", STRING);

  static final MessageType LOAD_BALANCER_INGRESS = message("LoadBalancerIngress")
      .opt(1, "ip", STRING)
      .opt(2, "hostname", STRING)
      .req(3, "ipMode", STRING)
      .list(4, "ports", PORT_STATUS);

  static final MessageType LOAD_BALANCER_STATUS = message("LoadBalancerStatus")
      .list(1, "ingress", LOAD_BALANCER_INGRESS);

  static final MessageType NAMESPACE_SPEC = message("NamespaceSpec")
      .list(1, "finalizers", STRING);

  static final MessageType NAMESPACE_CONDITION = message("NamespaceCondition")
      .req(1, "type", STRING)
      .req(2, "status", STRING)
      .req(4, "lastTransitionTime", TIME)
      .opt(5, "reason", STRING)
      .opt(6, "message", STRING);

  static final MessageType NAMESPACE_STATUS = message("NamespaceStatus")
      .opt(1, "phase", STRING)
      .list(2, "conditions", NAMESPACE_CONDITION);

  static final MessageType NAMESPACE = object("Namespace", NAMESPACE_SPEC, NAMESPACE_STATUS);

  static final MessageType POD_CONDITION = message("PodCondition")
      .req(1, "type", STRING)
      .req(2, "status", STRING)
      .req(3, "lastProbeTime", TIME)
      .req(4, "lastTransitionTime", TIME)
      .opt(5, "reason", STRING)
      .opt(6, "message", STRING);

  static final MessageType POD_IP = message("PodIP")
      .req(1, "ip", STRING);

  static final MessageType POD_RESOURCE_CLAIM_STATUS = message("PodResourceClaimStatus")
      .req(1, "name", STRING)
      .req(2, "resourceClaimName", STRING);

  static final MessageType POD_STATUS = message("PodStatus")
      .opt(1, "phase", STRING)
      .list(2, "conditions", POD_CONDITION)
      .opt(3, "message", STRING)
      .opt(4, "reason", STRING)
      .opt(11, "nominatedNodeName", STRING)
      .opt(5, "hostIP", STRING)
      .list(16, "hostIPs", HOST_IP)
      .opt(6, "podIP", STRING)
      .list(12, "podIPs", POD_IP)
      .req(7, "startTime", TIME)
      .list(10, "initContainerStatuses", CONTAINER_STATUS)
      .list(8, "containerStatuses", CONTAINER_STATUS)
      .opt(9, "qosClass", STRING)
      .list(13, "ephemeralContainerStatuses", CONTAINER_STATUS)
      .opt(14, "resize", STRING)
      .list(15, "resourceClaimStatuses", POD_RESOURCE_CLAIM_STATUS);

  static final MessageType POD = object("Pod", PodV1Schema.POD_SPEC, POD_STATUS);

  static final MessageType SCOPED_RESOURCE_SELECTOR_REQUIREMENT = message("ScopedResourceSelectorRequirement")
      .req(1, "scopeName", STRING)
      .req(2, "operator", STRING)
      .list(3, "values", STRING);

  static final MessageType SCOPE_SELECTOR = message("ScopeSelector")
      .list(1, "matchExpressions", SCOPED_RESOURCE_SELECTOR_REQUIREMENT);

  static final MessageType RESOURCE_QUOTA_SPEC = message("ResourceQuotaSpec")
      .map(1, "hard", QUANTITY)
      .list(2, "scopes", STRING)
      .req(3, "scopeSelector", SCOPE_SELECTOR);

  static final MessageType RESOURCE_QUOTA_STATUS = message("ResourceQuotaStatus")
      .map(1, "hard", QUANTITY)
      .map(2, "used", QUANTITY);

  static final MessageType RESOURCE_QUOTA = object("ResourceQuota", RESOURCE_QUOTA_SPEC, RESOURCE_QUOTA_STATUS);

  static final MessageType SECRET = message("Secret")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .req(5, "immutable", BOOL)
      .map(2, "data", BYTES)
      .map(4, "stringData", STRING)
      .opt(3, "type", STRING);

  static final MessageType SERVICE_PORT = message("ServicePort")
      .opt(1, "name", STRING)
      .opt(2, "protocol", STRING)
      .req(6, "appProtocol", STRING)
      .req(3, "port", INT32)
      .req(4, "targetPort", INT_OR_STRING)
      .opt(5, "nodePort", INT32);

  static final MessageType SESSION_AFFINITY_CONFIG = message("SessionAffinityConfig")
      .req(1, "clientIP", CLIENT_IP_CONFIG);

  static final MessageType SERVICE_SPEC = message("ServiceSpec")
      .list(1, "ports", SERVICE_PORT)
      .map(2, "selector", STRING)
      .opt(3, "clusterIP", STRING)
      .list(18, "clusterIPs", STRING)
      .opt(4, "type", STRING)
      .list(5, "externalIPs", STRING)
      .opt(7, "sessionAffinity", STRING)
      .opt(8, "loadBalancerIP", STRING)
      .list(9, "loadBalancerSourceRanges", STRING)
      .opt(10, "externalName", STRING)
      .opt(11, "externalTrafficPolicy", STRING)
      .opt(12, "healthCheckNodePort", INT32)
      .opt(13, "publishNotReadyAddresses", BOOL)
      .req(14, "sessionAffinityConfig", SESSION_AFFINITY_CONFIG)
      .list(19, "ipFamilies", STRING)
      .req(17, "ipFamilyPolicy", STRING)
      .req(20, "allocateLoadBalancerNodePorts", BOOL)
      .req(21, "loadBalancerClass", STRING)
      .req(22, "internalTrafficPolicy", STRING)
      .req(23, "trafficDistribution", STRING);

  static final MessageType SERVICE_STATUS = message("ServiceStatus")
      .req(1, "loadBalancer", LOAD_BALANCER_STATUS)
      .list(2, "conditions", MetaV1Schema.CONDITION);

  static final MessageType SERVICE = object("Service", SERVICE_SPEC, SERVICE_STATUS);

  static final MessageType SERVICE_ACCOUNT = message("ServiceAccount")
      .req(1, "metadata", MetaV1Schema.OBJECT_META)
      .list(2, "secrets", OBJECT_REFERENCE)
      .list(3, "imagePullSecrets", VolumeV1Schema.LOCAL_OBJECT_REFERENCE)
      .req(4, "automountServiceAccountToken", BOOL);
}
