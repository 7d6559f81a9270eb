package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.j8s.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Dispatches an object to the rules of its kind. */
public final class Validator {
  private Validator() {}

  /** All errors of a new object (old == null) or of an update (old != null: immutable fields too). */
  public static List<FieldError> validate(ResourceType type, HasMetadata obj, HasMetadata old) {
    Errors e = new Errors();
    MetaValidation.validate(obj.getMetadata(), nameSyntax(type.kind()), e);
    switch (obj) {
      case Pod p -> pod(p, (Pod) old, e);
      case Service s -> ServiceValidation.validate(s, (Service) old, e);
      case Deployment d -> WorkloadValidation.deployment(d, (Deployment) old, e);
      case ReplicaSet r -> WorkloadValidation.replicaSet(r, (ReplicaSet) old, e);
      case DaemonSet d -> WorkloadValidation.daemonSet(d, (DaemonSet) old, e);
      case ConfigMap c -> keys(c.getData(), c.getBinaryData(), e);
      case Secret s -> {
        keys(s.getData(), null, e);
        if (old instanceof Secret o && o.getType() != null) e.immutable("type", o.getType(), s.getType());
      }
      case io.fabric8.kubernetes.api.model.ResourceQuota q -> QuotaValidation.quota(q, e);
      case io.fabric8.kubernetes.api.model.LimitRange l -> QuotaValidation.limitRange(l, e);
      case io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np -> NetworkPolicyValidation.validate(np, e);
      case Role r -> RbacValidation.rules(r.getRules(), true, e);
      case ClusterRole r -> {
        RbacValidation.rules(r.getRules(), false, e);
        RbacValidation.aggregation(r, e);
      }
      case RoleBinding b -> {
        RbacValidation.binding(b.getRoleRef(), b.getSubjects(), true, e);
        if (old instanceof RoleBinding o) e.immutable("roleRef", o.getRoleRef(), b.getRoleRef());
      }
      case ClusterRoleBinding b -> {
        RbacValidation.binding(b.getRoleRef(), b.getSubjects(), false, e);
        if (old instanceof ClusterRoleBinding o) e.immutable("roleRef", o.getRoleRef(), b.getRoleRef());
      }
      default -> { }
    }
    return List.copyOf(e.list);
  }

  static Function<String, List<String>> nameSyntax(String kind) {
    return switch (kind) {
      case "Namespace" -> Names::dns1123Label;
      case "Service" -> Names::dns1035Label;
      case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" -> Validator::pathSegment;
      default -> Names::dns1123Subdomain;
    };
  }

  static List<String> pathSegment(String name) {
    List<String> out = new ArrayList<>();
    if (name.equals(".") || name.equals("..")) out.add("may not be '" + name + "'");
    if (name.contains("/") || name.contains("%")) out.add("may not contain '/' or '%'");
    return out;
  }

  private static void pod(Pod p, Pod old, Errors e) {
    PodValidation.spec(p.getSpec(), "spec", e);
    if (old == null || old.getSpec() == null || p.getSpec() == null) return;
    PodSpec a = old.getSpec();
    PodSpec b = p.getSpec();
    String before = mutableStripped(a);
    String after = mutableStripped(b);
    if (!before.equals(after)) {
      e.add(FieldError.forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`, "
          + "`spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing "
          + "tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
    }
  }

  /** The pod spec with every field that an update may change cleared, for comparison. */
  private static String mutableStripped(PodSpec s) {
    PodSpec c = new io.fabric8.kubernetes.api.model.PodSpecBuilder(s).build();
    if (c.getContainers() != null) c.getContainers().forEach(x -> x.setImage(null));
    if (c.getInitContainers() != null) c.getInitContainers().forEach(x -> x.setImage(null));
    c.setActiveDeadlineSeconds(null);
    c.setTolerations(null);
    c.setTerminationGracePeriodSeconds(null);
    return io.fabric8.kubernetes.client.utils.Serialization.asJson(c);
  }

  private static void keys(Map<String, String> data, Map<String, String> binary, Errors e) {
    Set<String> seen = new HashSet<>();
    for (String k : data == null ? Set.<String>of() : data.keySet()) {
      e.syntax("data[" + k + "]", k, Names.configMapKey(k));
      seen.add(k);
    }
    for (String k : binary == null ? Set.<String>of() : binary.keySet()) {
      e.syntax("binaryData[" + k + "]", k, Names.configMapKey(k));
      if (!seen.add(k)) e.add(FieldError.duplicate("binaryData[" + k + "]", k));
    }
  }
}
