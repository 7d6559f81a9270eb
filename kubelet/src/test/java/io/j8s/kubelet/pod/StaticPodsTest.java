package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.j8s.kubelet.pod.StaticPods.MirrorAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticPodsTest {
  static Pod staticPod(String hash) {
    return new PodBuilder(TestPods.pod("Always", List.of(), "c")).editMetadata().withName("web-n").withNamespace("kube-system")
        .withUid(hash).addToAnnotations(StaticPods.CONFIG_HASH, hash).addToAnnotations(StaticPods.CONFIG_SOURCE, "file")
        .addToLabels("app", "web").endMetadata().build();
  }

  static Pod mirror(Pod staticPod, String uid) {
    return new PodBuilder(StaticPods.mirrorOf(staticPod, "n", "node-uid")).editMetadata().withUid(uid).withResourceVersion("7")
        .endMetadata().build();
  }

  static final PodStatus RUNNING = new PodStatusBuilder().withPhase("Running").build();

  @Test
  void theMirrorCopiesMetadataAndSpecIsOwnedByTheNodeAndCarriesTheHash() {
    Pod s = staticPod("h1");
    Pod m = StaticPods.mirrorOf(s, "n", "node-uid");
    assertThat(m.getMetadata().getUid()).isNull();
    assertThat(m.getMetadata().getName()).isEqualTo("web-n");
    assertThat(m.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(m.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(m.getMetadata().getAnnotations()).containsEntry(StaticPods.CONFIG_MIRROR, "h1").containsEntry(StaticPods.CONFIG_SOURCE, "file");
    assertThat(m.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("Node");
      assertThat(o.getName()).isEqualTo("n");
      assertThat(o.getUid()).isEqualTo("node-uid");
      assertThat(o.getController()).isTrue();
    });
    assertThat(m.getSpec()).isEqualTo(s.getSpec());
    assertThat(StaticPods.isMirror(m)).isTrue();
    assertThat(s.getMetadata().getAnnotations()).doesNotContainKey(StaticPods.CONFIG_MIRROR); // the static pod is not changed
  }

  @Test
  void planCreatesAMissingMirrorOnlyOnceTheNodeIsKnown() {
    Pod s = staticPod("h1");
    assertThat(StaticPods.plan(s, RUNNING, null, "n", null)).isInstanceOf(MirrorAction.None.class);
    assertThat(StaticPods.plan(s, RUNNING, null, "n", "node-uid")).isInstanceOf(MirrorAction.Create.class);
    Pod deleting = new PodBuilder(s).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build();
    assertThat(StaticPods.plan(deleting, RUNNING, null, "n", "node-uid")).isInstanceOf(MirrorAction.None.class);
  }

  @Test
  void planDeletesAnOutdatedOrDeletedMirrorAndWritesAChangedStatus() {
    Pod s = staticPod("h2");
    Pod old = mirror(staticPod("h1"), "m1");
    assertThat(StaticPods.plan(s, RUNNING, old, "n", "node-uid")).isEqualTo(new MirrorAction.Delete("m1"));
    Pod current = mirror(s, "m2");
    Pod userDeleted = new PodBuilder(current).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build();
    assertThat(StaticPods.plan(s, RUNNING, userDeleted, "n", "node-uid")).isEqualTo(new MirrorAction.Delete("m2"));
    assertThat(StaticPods.plan(s, RUNNING, current, "n", "node-uid")).isEqualTo(new MirrorAction.WriteStatus(current, RUNNING));
    Pod shown = new PodBuilder(current).withStatus(RUNNING).build();
    assertThat(StaticPods.plan(s, RUNNING, shown, "n", "node-uid")).isInstanceOf(MirrorAction.None.class);
  }

  @Test
  void aMirrorIsOrphanedWithoutAStaticPodOfItsNameAndHash() {
    Pod s = staticPod("h1");
    Pod m = mirror(s, "m1");
    assertThat(StaticPods.orphaned(m, Map.of(StaticPods.fullName(s), s))).isFalse();
    assertThat(StaticPods.orphaned(m, Map.of())).isTrue();
    assertThat(StaticPods.orphaned(m, Map.of(StaticPods.fullName(s), staticPod("h2")))).isTrue();
    assertThat(StaticPods.isStatic(m)).isTrue(); // a mirror keeps config.source: PodManager tells mirrors first
  }
}
