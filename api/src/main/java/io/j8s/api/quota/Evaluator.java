package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an object of one resource uses of a quota, as upstream's quota evaluators: pods (compute
 * resources, pod count, scopes), services (node ports, load balancers), persistent volume
 * claims (storage, per storage class) and plain object counts ({@code count/<resource>.<group>}
 * and the legacy names).
 */
public sealed interface Evaluator {
  /** Legacy object-count names and the resource they count. */
  Map<String, String> LEGACY = Map.of("services", "services", "configmaps", "configmaps", "secrets", "secrets",
      "persistentvolumeclaims", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers",
      "resourcequotas", "resourcequotas");

  String group();

  String plural();

  /** Whether updates can change usage (upstream: services and claims; pods and counts only on create). */
  default boolean chargesUpdates() { return false; }

  /** The object-count resource name, {@code count/<resource>[.<group>]}. */
  default String countName() { return "count/" + plural() + (group().isEmpty() ? "" : "." + group()); }

  /** The quota resource names this kind is charged for, out of {@code names}. */
  default Set<String> matching(Set<String> names) {
    Set<String> out = new TreeSet<>();
    for (String n : names) if (n.equals(countName()) || (group().isEmpty() && plural().equals(LEGACY.get(n)))) out.add(n);
    return out;
  }

  /** Whether the object falls in the quota's scopes (only pods can; a scoped quota matches nothing else). */
  default boolean inScopes(ResourceQuota q, HasMetadata obj) { return Scopes.of(q).isEmpty(); }

  /** Usage of one object. */
  default Map<String, Quantity> usage(HasMetadata obj, Instant now) {
    Map<String, Quantity> u = new TreeMap<>();
    u.put(countName(), Quantities.of(1));
    if (group().isEmpty() && LEGACY.containsKey(plural())) u.put(plural(), Quantities.of(1));
    return u;
  }

  /** Why the object may not be admitted under a quota that tracks {@code required}, or null. */
  default String constraints(Set<String> required, HasMetadata obj) { return null; }

  /** Whether the quota tracks this object at all: some of its hard resources and its scopes. */
  default boolean matches(ResourceQuota q, Set<String> hard, HasMetadata obj) {
    return !matching(hard).isEmpty() && inScopes(q, obj);
  }

  static Evaluator of(String group, String plural) {
    if (group.isEmpty()) {
      switch (plural) {
        case "pods": return new Pods();
        case "services": return new Services();
        case "persistentvolumeclaims": return new Claims();
        default: break;
      }
    }
    return new Counted(group, plural);
  }

  /** Objects counted and nothing else. */
  record Counted(String group, String plural) implements Evaluator {}

  /** Pods: compute resources and the pod count, of pods not in a terminal phase. */
  record Pods() implements Evaluator {
    static final Set<String> RESOURCES = Set.of("pods", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
        "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "count/pods");
    /** Upstream's backward-compatible mistake: quotas on these require every container to set them. */
    static final Set<String> REQUIRED = Set.of("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory");

    @Override public String group() { return ""; }

    @Override public String plural() { return "pods"; }

    @Override public Set<String> matching(Set<String> names) {
      Set<String> out = new TreeSet<>();
      for (String n : names) if (RESOURCES.contains(n) || n.startsWith("hugepages-") || n.startsWith("requests.hugepages-") || extended(n)) out.add(n);
      return out;
    }

    @Override public boolean inScopes(ResourceQuota q, HasMetadata obj) {
      for (ScopedResourceSelectorRequirement s : Scopes.of(q)) if (!Scopes.matches(s, (Pod) obj)) return false;
      return true;
    }

    @Override public Map<String, Quantity> usage(HasMetadata obj, Instant now) {
      Pod pod = (Pod) obj;
      Map<String, Quantity> u = new TreeMap<>();
      u.put("count/pods", Quantities.of(1));
      if (!counts(pod, now)) return u;
      u.putAll(compute(PodResources.requests(pod), PodResources.limits(pod)));
      return u;
    }

    /** requests.&lt;extended resource&gt;: a name with a domain outside kubernetes.io. */
    static boolean extended(String n) {
      return n.startsWith("requests.") && n.contains("/") && !n.contains("kubernetes.io/");
    }

    /** Pods in a terminal phase, or past their deletion grace period, use no compute quota. */
    static boolean counts(Pod pod, Instant now) {
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) return false;
      var m = pod.getMetadata();
      if (m != null && m.getDeletionTimestamp() != null && m.getDeletionGracePeriodSeconds() != null) {
        Instant end = Instant.parse(m.getDeletionTimestamp()).plusSeconds(m.getDeletionGracePeriodSeconds());
        if (now.isAfter(end)) return false;
      }
      return true;
    }

    static Map<String, Quantity> compute(Map<String, Quantity> requests, Map<String, Quantity> limits) {
      Map<String, Quantity> u = new TreeMap<>();
      u.put("pods", Quantities.of(1));
      for (String r : List.of("cpu", "memory", "ephemeral-storage")) {
        Quantity q = requests.get(r);
        if (q != null) {
          u.put(r, q);
          u.put("requests." + r, q);
        }
        if (limits.get(r) != null) u.put("limits." + r, limits.get(r));
      }
      for (var e : requests.entrySet()) {
        String k = e.getKey();
        if (k.startsWith("hugepages-")) {
          u.put(k, e.getValue());
          u.put("requests." + k, e.getValue());
        } else if (k.contains("/") && !k.startsWith("kubernetes.io/") && !k.contains(".kubernetes.io/")) {
          u.put("requests." + k, e.getValue());
        }
      }
      return u;
    }

    @Override public String constraints(Set<String> required, HasMetadata obj) {
      Pod pod = (Pod) obj;
      Map<String, Set<String>> missing = new TreeMap<>();
      List<io.fabric8.kubernetes.api.model.Container> all = new ArrayList<>();
      if (pod.getSpec().getContainers() != null) all.addAll(pod.getSpec().getContainers());
      if (pod.getSpec().getInitContainers() != null) all.addAll(pod.getSpec().getInitContainers());
      for (var c : all) {
        Set<String> has = compute(PodResources.of(c, io.fabric8.kubernetes.api.model.ResourceRequirements::getRequests),
            PodResources.of(c, io.fabric8.kubernetes.api.model.ResourceRequirements::getLimits)).keySet();
        for (String r : required) {
          if (REQUIRED.contains(r) && !has.contains(r)) missing.computeIfAbsent(r, k -> new TreeSet<>()).add(c.getName());
        }
      }
      if (missing.isEmpty()) return null;
      List<String> parts = new ArrayList<>();
      missing.forEach((r, names) -> parts.add(r + " for: " + String.join(",", names)));
      return "must specify " + String.join("; ", parts);
    }
  }

  /** Services: the count, node ports of NodePort and LoadBalancer services, load balancers. */
  record Services() implements Evaluator {
    @Override public String group() { return ""; }

    @Override public String plural() { return "services"; }

    @Override public boolean chargesUpdates() { return true; }

    @Override public Set<String> matching(Set<String> names) {
      Set<String> out = Evaluator.super.matching(names);
      for (String n : names) if (n.equals("services.nodeports") || n.equals("services.loadbalancers")) out.add(n);
      return out;
    }

    @Override public Map<String, Quantity> usage(HasMetadata obj, Instant now) {
      Service s = (Service) obj;
      Map<String, Quantity> u = Evaluator.super.usage(obj, now);
      String type = s.getSpec() == null || s.getSpec().getType() == null ? "ClusterIP" : s.getSpec().getType();
      int ports = s.getSpec() == null || s.getSpec().getPorts() == null ? 0 : s.getSpec().getPorts().size();
      u.put("services.loadbalancers", Quantities.of(type.equals("LoadBalancer") ? 1 : 0));
      boolean nodePorts = type.equals("NodePort") || (type.equals("LoadBalancer")
          && !Boolean.FALSE.equals(s.getSpec().getAllocateLoadBalancerNodePorts()));
      u.put("services.nodeports", Quantities.of(nodePorts ? ports : 0));
      return u;
    }
  }

  /** Persistent volume claims: the count and requested storage, overall and per storage class. */
  record Claims() implements Evaluator {
    static final String CLASS_SUFFIX = ".storageclass.storage.k8s.io/";

    @Override public String group() { return ""; }

    @Override public String plural() { return "persistentvolumeclaims"; }

    @Override public boolean chargesUpdates() { return true; }

    @Override public Set<String> matching(Set<String> names) {
      Set<String> out = Evaluator.super.matching(names);
      for (String n : names) if (n.equals("requests.storage") || n.contains(CLASS_SUFFIX)) out.add(n);
      return out;
    }

    @Override public Map<String, Quantity> usage(HasMetadata obj, Instant now) {
      PersistentVolumeClaim c = (PersistentVolumeClaim) obj;
      Map<String, Quantity> u = Evaluator.super.usage(obj, now);
      String cls = c.getSpec() == null ? null : c.getSpec().getStorageClassName();
      if (cls != null && !cls.isEmpty()) u.put(cls + CLASS_SUFFIX + "persistentvolumeclaims", Quantities.of(1));
      Quantity storage = c.getSpec() == null || c.getSpec().getResources() == null || c.getSpec().getResources().getRequests() == null
          ? null : c.getSpec().getResources().getRequests().get("storage");
      if (storage != null) {
        u.put("requests.storage", storage);
        if (cls != null && !cls.isEmpty()) u.put(cls + CLASS_SUFFIX + "requests.storage", storage);
      }
      return u;
    }
  }
}
