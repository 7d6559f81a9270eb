package io.j8s.api.registry;

import io.fabric8.kubernetes.api.model.*;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resources j8s serves. Immutable; {@link #builtins()} is the one the server uses. */
public final class ResourceRegistry {

  private final List<ResourceType> types;
  private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
  private final Map<String, ResourceType> byKind = new LinkedHashMap<>();

  public ResourceRegistry(List<ResourceType> types) {
    this.types = List.copyOf(types);
    for (ResourceType t : types) {
      byPath.put(t.group() + "/" + t.version() + "/" + t.plural(), t);
      byKind.put(t.apiVersion() + "/" + t.kind(), t);
    }
  }

  private static final ResourceRegistry BUILTINS = new ResourceRegistry(builtinTypes());

  public static ResourceRegistry builtins() { return BUILTINS; }

  public List<ResourceType> all() { return types; }

  public Optional<ResourceType> byPlural(String group, String version, String plural) {
    return Optional.ofNullable(byPath.get(group + "/" + version + "/" + plural));
  }

  /** @param apiVersion "v1" or "group/version" */
  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    return Optional.ofNullable(byKind.get(apiVersion + "/" + kind));
  }

  /** Group-versions in preferred order, each with its resources. "" is the core group. */
  public Map<String, List<ResourceType>> byGroupVersion() {
    Map<String, List<ResourceType>> out = new LinkedHashMap<>();
    for (ResourceType t : types) out.computeIfAbsent(t.apiVersion(), k -> new ArrayList<>()).add(t);
    return out;
  }

  /** Groups other than core, each with its versions, preferred first. */
  public Map<String, List<String>> groups() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ResourceType t : types) {
      if (t.group().isEmpty()) continue;
      List<String> vs = out.computeIfAbsent(t.group(), k -> new ArrayList<>());
      if (!vs.contains(t.version())) vs.add(t.version());
    }
    return out;
  }

  private static List<ResourceType> builtinTypes() {
    List<ResourceType> l = new ArrayList<>();
    // core/v1
    l.add(t("", "v1", "Namespace", "namespaces", false, List.of("ns"), List.of(), Set.of("status", "finalize"), Namespace.class));
    l.add(t("", "v1", "Pod", "pods", true, List.of("po"), List.of("all"), Set.of("status", "binding", "log", "exec", "portforward", "attach", "eviction"), Pod.class));
    l.add(t("", "v1", "Service", "services", true, List.of("svc"), List.of("all"), Set.of("status"), Service.class));
    l.add(t("", "v1", "Endpoints", "endpoints", true, List.of("ep"), List.of(), Set.of(), Endpoints.class));
    l.add(t("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), List.of(), Set.of(), ConfigMap.class));
    l.add(t("", "v1", "Secret", "secrets", true, List.of(), List.of(), Set.of(), Secret.class));
    l.add(t("", "v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), Set.of("token"), ServiceAccount.class));
    l.add(t("", "v1", "Node", "nodes", false, List.of("no"), List.of(), Set.of("status", "proxy"), Node.class));
    l.add(t("", "v1", "Event", "events", true, List.of("ev"), List.of(), Set.of(), Event.class));
    l.add(t("", "v1", "ResourceQuota", "resourcequotas", true, List.of("quota"), List.of(), Set.of("status"), ResourceQuota.class));
    l.add(t("", "v1", "LimitRange", "limitranges", true, List.of("limits"), List.of(), Set.of(), LimitRange.class));
    l.add(t("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("pvc"), List.of(), Set.of("status"), PersistentVolumeClaim.class));
    // apps/v1
    l.add(t("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), List.of("all"), Set.of("status", "scale"), Deployment.class));
    l.add(t("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), List.of("all"), Set.of("status", "scale"), ReplicaSet.class));
    l.add(t("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), List.of("all"), Set.of("status"), DaemonSet.class));
    l.add(t("apps", "v1", "ControllerRevision", "controllerrevisions", true, List.of(), List.of(), Set.of(), ControllerRevision.class));
    // the rest
    l.add(t("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(), List.of(), Set.of(), EndpointSlice.class));
    l.add(t("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, List.of("netpol"), List.of(), Set.of(), NetworkPolicy.class));
    l.add(t("networking.k8s.io", "v1", "Ingress", "ingresses", true, List.of("ing"), List.of(), Set.of("status"), Ingress.class));
    l.add(t("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, List.of(), List.of(), Set.of(), IngressClass.class));
    l.add(t("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, List.of("hpa"), List.of("all"), Set.of("status"),
        io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class));
    l.add(new ResourceType("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "horizontalpodautoscaler", true,
        List.of("hpa"), List.of("all"), Set.of("status"), io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class,
        "autoscaling", "horizontalpodautoscalers.v1"));
    l.add(t("rbac.authorization.k8s.io", "v1", "Role", "roles", true, List.of(), List.of(), Set.of(), Role.class));
    l.add(t("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, List.of(), List.of(), Set.of(), RoleBinding.class));
    l.add(t("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, List.of(), List.of(), Set.of(), ClusterRole.class));
    l.add(t("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, List.of(), List.of(), Set.of(), ClusterRoleBinding.class));
    // authorization.k8s.io/v1: reviews, answered and never stored (verbs: create)
    l.add(t("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, List.of(), List.of(), Set.of(),
        io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview.class));
    l.add(t("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false, List.of(), List.of(), Set.of(),
        io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview.class));
    l.add(t("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, List.of(), List.of(), Set.of(),
        io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview.class));
    l.add(t("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", true, List.of(), List.of(), Set.of(),
        io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview.class));
    l.add(t("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", false, List.of("csr"), List.of(),
        Set.of("status", "approval"), io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest.class));
    l.add(t("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), Set.of(), Lease.class));
    l.add(new ResourceType("events.k8s.io", "v1", "Event", "events", "event", true, List.of("ev"), List.of(), Set.of(),
        io.fabric8.kubernetes.api.model.events.v1.Event.class, "events.k8s.io", "events"));
    return Collections.unmodifiableList(l);
  }

  private static ResourceType t(String group, String version, String kind, String plural, boolean namespaced,
      List<String> shortNames, List<String> categories, Set<String> subresources, Class<? extends HasMetadata> model) {
    return new ResourceType(group, version, kind, plural, kind.toLowerCase(Locale.ROOT), namespaced, shortNames,
        categories, subresources, model, group, plural);
  }
}
