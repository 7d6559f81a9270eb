package io.j8s.api.schema;

import io.fabric8.kubernetes.api.model.*;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.Map;

/**
 * The patch strategy of every list field that upstream tags for strategic merge, keyed by the
 * model class that declares it and the JSON field name. Untagged lists are replaced. Also the
 * {@code retainKeys} fields (objects whose unset members a patch clears).
 */
public final class PatchStrategies {
  private PatchStrategies() {}

  private static ListStrategy key(String k) { return new ListStrategy.MergeByKey(k, false); }

  private static final Map<String, ListStrategy> LISTS = Map.ofEntries(
      Map.entry(k(PodSpec.class, "containers"), key("name")),
      Map.entry(k(PodSpec.class, "initContainers"), key("name")),
      Map.entry(k(PodSpec.class, "ephemeralContainers"), key("name")),
      Map.entry(k(PodSpec.class, "volumes"), new ListStrategy.MergeByKey("name", true)),
      Map.entry(k(PodSpec.class, "imagePullSecrets"), key("name")),
      Map.entry(k(PodSpec.class, "hostAliases"), key("ip")),
      Map.entry(k(PodSpec.class, "topologySpreadConstraints"), key("topologyKey")),
      Map.entry(k(Container.class, "env"), key("name")),
      Map.entry(k(Container.class, "ports"), key("containerPort")),
      Map.entry(k(Container.class, "volumeMounts"), key("mountPath")),
      Map.entry(k(Container.class, "volumeDevices"), key("devicePath")),
      Map.entry(k(EphemeralContainer.class, "env"), key("name")),
      Map.entry(k(EphemeralContainer.class, "ports"), key("containerPort")),
      Map.entry(k(EphemeralContainer.class, "volumeMounts"), key("mountPath")),
      Map.entry(k(ServiceSpec.class, "ports"), key("port")),
      Map.entry(k(ObjectMeta.class, "finalizers"), new ListStrategy.MergeSet()),
      Map.entry(k(ObjectMeta.class, "ownerReferences"), key("uid")),
      Map.entry(k(PodStatus.class, "conditions"), key("type")),
      Map.entry(k(PodStatus.class, "podIPs"), key("ip")),
      Map.entry(k(NodeStatus.class, "conditions"), key("type")),
      Map.entry(k(NodeStatus.class, "addresses"), key("type")),
      Map.entry(k(NodeSpec.class, "podCIDRs"), new ListStrategy.MergeSet()),
      Map.entry(k(NamespaceStatus.class, "conditions"), key("type")),
      Map.entry(k(io.fabric8.kubernetes.api.model.apps.DeploymentStatus.class, "conditions"), key("type")),
      Map.entry(k(io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus.class, "conditions"), key("type")),
      Map.entry(k(io.fabric8.kubernetes.api.model.apps.DaemonSetStatus.class, "conditions"), key("type")),
      Map.entry(k(ServiceStatus.class, "conditions"), key("type")));

  private static final Map<String, Boolean> RETAIN_KEYS = Map.of(
      k(DeploymentSpec.class, "strategy"), true,
      k(io.fabric8.kubernetes.api.model.apps.DaemonSetSpec.class, "updateStrategy"), true);

  /** The strategy for list field {@code field} of model class {@code owner}. */
  public static ListStrategy forList(Class<?> owner, String field) {
    return LISTS.getOrDefault(k(owner, field), ListStrategy.REPLACE);
  }

  /** True when the object-valued field uses the retainKeys strategy. */
  public static boolean retainKeys(Class<?> owner, String field) {
    return RETAIN_KEYS.getOrDefault(k(owner, field), false);
  }

  private static String k(Class<?> owner, String field) { return owner.getName() + "#" + field; }
}
