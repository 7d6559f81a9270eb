package io.j8s.controllers.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod read once into what scheduling needs: resource requests (upstream's rule: the larger of
 * the containers' sum and each init container's request plus the sidecars started before it,
 * plus overhead), host ports, node selection, tolerations, pod (anti-)affinity terms and
 * DoNotSchedule spread constraints.
 */
public record PodInfo(Pod pod, String key, String namespace, String name, Map<String, String> labels,
    Resources requests, Resources nonZeroRequests, List<HostPort> ports, String ownerUid, int priority,
    List<Toleration> tolerations, Map<String, String> nodeSelector, List<NodeSelectorTerm> requiredNodeTerms,
    List<PreferredSchedulingTerm> preferredNodeTerms, List<PodTerm> requiredAffinity, List<PodTerm> requiredAntiAffinity,
    List<PodTerm> preferredAffinity, List<PodTerm> preferredAntiAffinity, List<SpreadConstraint> spread, boolean terminating) {

  public static PodInfo of(Pod pod) {
    var m = pod.getMetadata();
    PodSpec s = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    String ns = m.getNamespace() == null ? "default" : m.getNamespace();
    String owner = null;
    if (m.getOwnerReferences() != null) {
      for (OwnerReference o : m.getOwnerReferences()) if (Boolean.TRUE.equals(o.getController())) owner = o.getUid();
    }
    List<HostPort> ports = new ArrayList<>();
    for (Container c : list(s.getContainers())) ports(c, ports);
    for (Container c : list(s.getInitContainers())) if ("Always".equals(c.getRestartPolicy())) ports(c, ports);
    Affinity a = s.getAffinity();
    List<NodeSelectorTerm> required = null;
    List<PreferredSchedulingTerm> preferred = List.of();
    List<PodTerm> reqAff = new ArrayList<>(), reqAnti = new ArrayList<>(), prefAff = new ArrayList<>(), prefAnti = new ArrayList<>();
    if (a != null && a.getNodeAffinity() != null) {
      var na = a.getNodeAffinity();
      if (na.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
        required = list(na.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms());
      }
      preferred = list(na.getPreferredDuringSchedulingIgnoredDuringExecution());
    }
    if (a != null && a.getPodAffinity() != null) {
      for (var t : list(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())) reqAff.add(PodTerm.of(t, ns, 0));
      for (WeightedPodAffinityTerm t : list(a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())) {
        prefAff.add(PodTerm.of(t.getPodAffinityTerm(), ns, t.getWeight() == null ? 0 : t.getWeight()));
      }
    }
    if (a != null && a.getPodAntiAffinity() != null) {
      for (var t : list(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())) reqAnti.add(PodTerm.of(t, ns, 0));
      for (WeightedPodAffinityTerm t : list(a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())) {
        prefAnti.add(PodTerm.of(t.getPodAffinityTerm(), ns, t.getWeight() == null ? 0 : t.getWeight()));
      }
    }
    List<SpreadConstraint> spread = new ArrayList<>();
    for (var c : list(s.getTopologySpreadConstraints())) {
      if ("DoNotSchedule".equals(c.getWhenUnsatisfiable())) spread.add(SpreadConstraint.of(c));
    }
    return new PodInfo(pod, ns + "/" + m.getName(), ns, m.getName(), m.getLabels() == null ? Map.of() : m.getLabels(),
        requests(s, false), requests(s, true), List.copyOf(ports), owner, s.getPriority() == null ? 0 : s.getPriority(),
        list(s.getTolerations()), s.getNodeSelector() == null ? Map.of() : s.getNodeSelector(), required, preferred,
        List.copyOf(reqAff), List.copyOf(reqAnti), List.copyOf(prefAff), List.copyOf(prefAnti), List.copyOf(spread),
        m.getDeletionTimestamp() != null);
  }

  public String nodeName() {
    return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
  }

  public boolean hasPodAffinity() {
    return !requiredAffinity.isEmpty() || !preferredAffinity.isEmpty() || !preferredAntiAffinity.isEmpty();
  }

  public boolean hasRequiredAntiAffinity() {
    return !requiredAntiAffinity.isEmpty();
  }

  /**
   * Upstream's pod request: max(sum of containers + sidecars, each init container plus the
   * sidecars before it) + overhead. {@code nonZero}: containers without a cpu or memory request
   * count as 100m / 200Mi (upstream does so when scoring, never when filtering).
   */
  static Resources requests(PodSpec s, boolean nonZero) {
    Resources sum = Resources.ZERO;
    for (Container c : list(s.getContainers())) sum = sum.plus(container(c, nonZero));
    Resources sidecars = Resources.ZERO;
    Resources init = Resources.ZERO;
    for (Container c : list(s.getInitContainers())) {
      Resources r = container(c, nonZero);
      Resources step;
      if ("Always".equals(c.getRestartPolicy())) {
        sum = sum.plus(r);
        sidecars = sidecars.plus(r);
        step = sidecars;
      } else {
        step = r.plus(sidecars);
      }
      init = init.max(step);
    }
    Resources total = sum.max(init);
    Map<String, Quantity> overhead = s.getOverhead();
    return total.plus(Resources.of(overhead));
  }

  private static Resources container(Container c, boolean nonZero) {
    Map<String, Quantity> req = c.getResources() == null ? null : c.getResources().getRequests();
    Resources r = Resources.of(req);
    if (!nonZero) return r;
    long cpu = req != null && req.containsKey("cpu") ? r.milliCpu() : Resources.DEFAULT_MILLI_CPU;
    long mem = req != null && req.containsKey("memory") ? r.memory() : Resources.DEFAULT_MEMORY;
    return new Resources(cpu, mem, r.ephemeralStorage());
  }

  private static void ports(Container c, List<HostPort> out) {
    for (ContainerPort p : list(c.getPorts())) {
      if (p.getHostPort() == null || p.getHostPort() <= 0) continue;
      String ip = p.getHostIP() == null || p.getHostIP().isEmpty() ? HostPort.ANY : p.getHostIP();
      out.add(new HostPort(p.getProtocol() == null ? "TCP" : p.getProtocol(), ip, p.getHostPort()));
    }
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
