package io.j8s.api.openapi;

import java.util.Map;

/**
 * Short descriptions for the kinds and the handful of properties every object shares, as
 * {@code kubectl explain} shows them. The fabric8 model carries no documentation, so most fields
 * stay undescribed.
 */
final class Descriptions {
  private Descriptions() {}

  private static final Map<String, String> PROPERTIES = Map.of(
      "apiVersion", "The versioned schema of this object, as group/version (or just the version for the core group).",
      "kind", "The kind of this object, in CamelCase; the server may infer it from the request path.",
      "metadata", "Standard object metadata: name, namespace, labels, annotations and the like.",
      "spec", "The desired state of the object.",
      "status", "The most recently observed state of the object; written by the system, read-only for users.");

  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("Pod", "A group of containers that run together on one node, sharing network and volumes."),
      Map.entry("Namespace", "A scope for names; most objects live in exactly one namespace."),
      Map.entry("Service", "A stable virtual address and port set in front of the pods a selector picks."),
      Map.entry("Endpoints", "The addresses and ports that implement a service."),
      Map.entry("ConfigMap", "Non-secret configuration data as key-value pairs."),
      Map.entry("Secret", "Sensitive data (credentials, keys, tokens) as key-value pairs."),
      Map.entry("ServiceAccount", "An identity for processes running in pods."),
      Map.entry("Node", "A worker machine that runs pods."),
      Map.entry("Event", "A report of something that happened to an object."),
      Map.entry("ResourceQuota", "Limits on the total resources a namespace may use."),
      Map.entry("LimitRange", "Per-object defaults and bounds for resource requests and limits in a namespace."),
      Map.entry("PersistentVolumeClaim", "A request for storage by a user."),
      Map.entry("Deployment", "Declarative updates for pods through replica sets."),
      Map.entry("ReplicaSet", "Keeps a given number of identical pods running."),
      Map.entry("DaemonSet", "Runs one copy of a pod on each (selected) node."),
      Map.entry("EndpointSlice", "A subset of the endpoints that implement a service."),
      Map.entry("NetworkPolicy", "Which traffic may reach and leave a set of pods."),
      Map.entry("Ingress", "Rules that route outside HTTP(S) traffic to services."),
      Map.entry("IngressClass", "The controller that implements a class of ingresses."),
      Map.entry("HorizontalPodAutoscaler", "Scales a workload's replicas from observed metrics."),
      Map.entry("Role", "A namespaced set of permissions."),
      Map.entry("RoleBinding", "Grants the permissions of a role to subjects within a namespace."),
      Map.entry("ClusterRole", "A cluster-wide set of permissions."),
      Map.entry("ClusterRoleBinding", "Grants the permissions of a cluster role to subjects cluster-wide."),
      Map.entry("Lease", "A lease on a named lock, used for leader election and node heartbeats."),
      Map.entry("Scale", "The replica count of a scalable resource."),
      Map.entry("ObjectMeta", "Metadata every persisted object has: name, namespace, labels, annotations, owners."),
      Map.entry("Container", "A single application container that runs within a pod."),
      Map.entry("Status", "The result of an operation that returns no object, e.g. an error."));

  /** A short description of a common property, or null. */
  static String property(String name) { return PROPERTIES.get(name); }

  /** A short description of a kind or well-known type, by simple name, or null. */
  static String kind(String simpleName) { return KINDS.get(simpleName); }
}
