package io.j8s.controllers.daemonset;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.j8s.controllers.placement.TaintMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pod a DaemonSet runs on a node: its template, the daemon tolerations, bound to the node. */
public final class DaemonPods {
  public static final String REVISION_HASH = "controller-revision-hash";
  public static final String TEMPLATE_GENERATION = "pod-template-generation";

  /** Upstream's daemon tolerations: lost and pressured nodes keep their daemons; unschedulable ones still get them. */
  static final List<Toleration> DEFAULTS = List.of(
      new Toleration(TaintMatch.NO_EXECUTE, TaintMatch.NOT_READY, "Exists", null, null),
      new Toleration(TaintMatch.NO_EXECUTE, TaintMatch.UNREACHABLE, "Exists", null, null),
      new Toleration(TaintMatch.NO_SCHEDULE, "node.kubernetes.io/disk-pressure", "Exists", null, null),
      new Toleration(TaintMatch.NO_SCHEDULE, "node.kubernetes.io/memory-pressure", "Exists", null, null),
      new Toleration(TaintMatch.NO_SCHEDULE, "node.kubernetes.io/pid-pressure", "Exists", null, null),
      new Toleration(TaintMatch.NO_SCHEDULE, "node.kubernetes.io/unschedulable", "Exists", null, null));
  static final Toleration NETWORK_UNAVAILABLE = new Toleration(TaintMatch.NO_SCHEDULE, "node.kubernetes.io/network-unavailable", "Exists", null, null);

  private DaemonPods() {}

  /** A copy of the spec with the daemon tolerations added where no toleration with the same key and effect exists. */
  static PodSpec withDefaultTolerations(PodSpec template) {
    PodSpec s = new PodSpecBuilder(template).build();
    List<Toleration> t = s.getTolerations() == null ? new ArrayList<>() : new ArrayList<>(s.getTolerations());
    List<Toleration> defaults = new ArrayList<>(DEFAULTS);
    if (Boolean.TRUE.equals(s.getHostNetwork())) defaults.add(NETWORK_UNAVAILABLE);
    for (Toleration d : defaults) {
      if (t.stream().noneMatch(x -> d.getKey().equals(x.getKey()) && d.getEffect().equals(x.getEffect()))) t.add(d);
    }
    s.setTolerations(t);
    return s;
  }

  /** The daemon pod for {@code node}: generateName {@code <ds>-}, controller owner reference, hash and generation labels, bound. */
  public static Pod forNode(DaemonSet ds, String hash, String node) {
    var tmpl = ds.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>(tmpl.getMetadata() == null || tmpl.getMetadata().getLabels() == null ? Map.of()
        : tmpl.getMetadata().getLabels());
    labels.put(REVISION_HASH, hash);
    labels.put(TEMPLATE_GENERATION, String.valueOf(ds.getMetadata().getGeneration() == null ? 1 : ds.getMetadata().getGeneration()));
    Map<String, String> annotations = tmpl.getMetadata() == null || tmpl.getMetadata().getAnnotations() == null ? null
        : new HashMap<>(tmpl.getMetadata().getAnnotations());
    PodSpec spec = withDefaultTolerations(tmpl.getSpec());
    spec.setNodeName(node);
    bindByAffinity(spec, node);
    return new PodBuilder().withNewMetadata().withGenerateName(ds.getMetadata().getName() + "-")
        .withNamespace(ds.getMetadata().getNamespace()).withLabels(labels).withAnnotations(annotations)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("DaemonSet")
            .withName(ds.getMetadata().getName()).withUid(ds.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata().withSpec(spec).build();
  }

  /** Replaces the required node affinity with one term, {@code metadata.name In [node]}, as upstream's ReplaceDaemonSetPodNodeNameNodeAffinity. */
  static void bindByAffinity(PodSpec spec, String node) {
    NodeSelectorTerm term = new NodeSelectorTerm(List.of(),
        List.of(new NodeSelectorRequirement("metadata.name", "In", List.of(node))));
    if (spec.getAffinity() == null) spec.setAffinity(new io.fabric8.kubernetes.api.model.Affinity());
    if (spec.getAffinity().getNodeAffinity() == null) spec.getAffinity().setNodeAffinity(new io.fabric8.kubernetes.api.model.NodeAffinity());
    spec.getAffinity().getNodeAffinity().setRequiredDuringSchedulingIgnoredDuringExecution(new io.fabric8.kubernetes.api.model.NodeSelector(List.of(term)));
  }
}
