package io.j8s.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaemonPodsTest {
  @Test
  void podIsBoundOwnedLabelledAndToleratesLostNodes() {
    DaemonSet d = DaemonSetPlannerTest.ds("v1");
    d.getSpec().getTemplate().getSpec().setTolerations(List.of(new Toleration("NoSchedule", "node.kubernetes.io/unschedulable", "Equal", null, null)));
    Pod p = DaemonPods.forNode(d, "abc", "node-1");
    assertThat(p.getMetadata().getGenerateName()).isEqualTo("agent-");
    assertThat(p.getMetadata().getLabels()).containsEntry("app", "agent").containsEntry("controller-revision-hash", "abc")
        .containsEntry("pod-template-generation", "3");
    assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getController()).isTrue();
      assertThat(o.getUid()).isEqualTo("ds-uid");
    });
    assertThat(p.getSpec().getNodeName()).isEqualTo("node-1");
    var term = p.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    assertThat(term).singleElement().satisfies(t -> assertThat(t.getMatchFields()).singleElement()
        .satisfies(f -> assertThat(List.of(f.getKey(), f.getOperator(), f.getValues().get(0))).containsExactly("metadata.name", "In", "node-1")));
    assertThat(p.getSpec().getTolerations()).extracting(Toleration::getKey).containsExactly("node.kubernetes.io/unschedulable",
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
        "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure");
    assertThat(p.getSpec().getTolerations()).allMatch(t -> t.getTolerationSeconds() == null);
    assertThat(d.getSpec().getTemplate().getSpec().getTolerations()).hasSize(1); // the template is not changed
  }

  @Test
  void hostNetworkDaemonsTolerateNetworkUnavailable() {
    DaemonSet d = DaemonSetPlannerTest.ds("v1");
    d.getSpec().getTemplate().getSpec().setHostNetwork(true);
    assertThat(DaemonPods.forNode(d, "h", "n").getSpec().getTolerations()).extracting(Toleration::getKey)
        .contains("node.kubernetes.io/network-unavailable");
  }

  @Test
  void hashFollowsTheTemplateOnly() {
    DaemonSet a = DaemonSetPlannerTest.ds("v1");
    DaemonSet b = DaemonSetPlannerTest.ds("v1");
    b.getMetadata().setGeneration(9L);
    b.getSpec().setMinReadySeconds(5);
    assertThat(Revisions.hash(a)).isEqualTo(Revisions.hash(b)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(Revisions.hash(DaemonSetPlannerTest.ds("v2"))).isNotEqualTo(Revisions.hash(a));
    DaemonSet labelsReordered = DaemonSetPlannerTest.ds("v1");
    labelsReordered.getSpec().getTemplate().getMetadata().setLabels(new java.util.LinkedHashMap<>(Map.of("z", "1", "app", "agent")));
    DaemonSet labelsOther = DaemonSetPlannerTest.ds("v1");
    var m = new java.util.LinkedHashMap<String, String>();
    m.put("app", "agent");
    m.put("z", "1");
    labelsOther.getSpec().getTemplate().getMetadata().setLabels(m);
    assertThat(Revisions.hash(labelsReordered)).isEqualTo(Revisions.hash(labelsOther));
  }

  @Test
  void revisionDataIsAReplacingTemplatePatch() {
    DaemonSet d = DaemonSetPlannerTest.ds("v1");
    ControllerRevision r = Revisions.build(d, Revisions.hash(d), 4);
    assertThat(r.getMetadata().getName()).isEqualTo("agent-" + Revisions.hash(d));
    assertThat(r.getRevision()).isEqualTo(4L);
    assertThat(r.getMetadata().getLabels()).containsEntry("controller-revision-hash", Revisions.hash(d));
    @SuppressWarnings("unchecked")
    Map<String, Object> tmpl = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r.getData()).get("spec")).get("template");
    assertThat(tmpl).containsEntry("$patch", "replace").containsKey("spec");
  }

  @Test
  void revisionPlanCreatesBumpsAndPrunes() {
    DaemonSet d = DaemonSetPlannerTest.ds("v3");
    d.getSpec().setRevisionHistoryLimit(1);
    String h = Revisions.hash(d);
    ControllerRevision r1 = Revisions.build(DaemonSetPlannerTest.ds("v1"), Revisions.hash(DaemonSetPlannerTest.ds("v1")), 1);
    ControllerRevision r2 = Revisions.build(DaemonSetPlannerTest.ds("v2"), Revisions.hash(DaemonSetPlannerTest.ds("v2")), 2);
    var p = Revisions.plan(d, h, List.of(r1, r2), Set.of());
    assertThat(p.create()).isPresent();
    assertThat(p.revision()).isEqualTo(3);
    assertThat(p.delete()).containsExactly(r1.getMetadata().getName());
    // r1 still has live pods: kept
    assertThat(Revisions.plan(d, h, List.of(r1, r2), Set.of(Revisions.hashOf(r1))).delete()).isEmpty();
    // undo to v1: its revision becomes the newest
    DaemonSet back = DaemonSetPlannerTest.ds("v1");
    var undo = Revisions.plan(back, Revisions.hash(back), List.of(r1, r2), Set.of());
    assertThat(undo.create()).isEmpty();
    assertThat(undo.bump()).contains(r1.getMetadata().getName());
    assertThat(undo.revision()).isEqualTo(3);
    // current and newest: nothing to do
    var same = Revisions.plan(DaemonSetPlannerTest.ds("v2"), Revisions.hash(DaemonSetPlannerTest.ds("v2")), List.of(r1, r2), Set.of());
    assertThat(same.create()).isEmpty();
    assertThat(same.bump()).isEmpty();
  }
}
