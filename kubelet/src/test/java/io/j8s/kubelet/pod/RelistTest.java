package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelistTest {
  static Container c(String id, String uid, ContainerState s) {
    return Container.newBuilder().setId(id).putLabels(Labels.POD_UID, uid).setState(s).build();
  }

  @Test
  void reportsPodsWhoseObjectsAppearChangeOrGo() {
    Relist r = new Relist();
    PodSandbox sa = PodSandbox.newBuilder().setId("sa").putLabels(Labels.POD_UID, "a").setState(PodSandboxState.SANDBOX_READY).build();
    assertThat(r.changed(List.of(sa), List.of(c("1", "a", ContainerState.CONTAINER_RUNNING), c("2", "b", ContainerState.CONTAINER_RUNNING))))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(r.changed(List.of(sa), List.of(c("1", "a", ContainerState.CONTAINER_RUNNING), c("2", "b", ContainerState.CONTAINER_RUNNING))))
        .isEmpty();
    assertThat(r.changed(List.of(sa), List.of(c("1", "a", ContainerState.CONTAINER_EXITED), c("2", "b", ContainerState.CONTAINER_RUNNING))))
        .containsExactly("a");
    assertThat(r.changed(List.of(sa), List.of(c("1", "a", ContainerState.CONTAINER_EXITED)))).containsExactly("b");
    assertThat(r.changed(List.of(), List.of(c("1", "a", ContainerState.CONTAINER_EXITED), c("x", "none", ContainerState.CONTAINER_CREATED))))
        .containsExactlyInAnyOrder("a", "none");
  }

  @Test
  void aPodWhoseWorkerAlreadyReadWhatTheRelistShowsIsNotSyncedForIt() {
    Relist r = new Relist();
    PodSandbox sa = PodSandbox.newBuilder().setId("sa").putLabels(Labels.POD_UID, "a").setState(PodSandboxState.SANDBOX_READY).build();
    PodSandbox sb = PodSandbox.newBuilder().setId("sb").putLabels(Labels.POD_UID, "b").setState(PodSandboxState.SANDBOX_READY).build();
    java.util.Map<String, java.util.Map<String, String>> seen = new java.util.HashMap<>();
    seen.put("a", java.util.Map.of("sa", "SANDBOX_READY", "1", "CONTAINER_RUNNING")); // a's worker started these and read them back
    seen.put("b", java.util.Map.of("sb", "SANDBOX_READY", "2", "CONTAINER_CREATED"));
    var listing = RuntimeListing.of(0, List.of(sa, sb), List.of(c("1", "a", ContainerState.CONTAINER_RUNNING),
        c("2", "b", ContainerState.CONTAINER_RUNNING)));
    assertThat(r.changed(listing, seen::get)).as("b's container started after its worker read it").containsExactly("b");
    seen.put("b", java.util.Map.of("sb", "SANDBOX_READY", "2", "CONTAINER_RUNNING"));
    var exited = RuntimeListing.of(0, List.of(sa, sb), List.of(c("1", "a", ContainerState.CONTAINER_EXITED),
        c("2", "b", ContainerState.CONTAINER_RUNNING)));
    assertThat(r.changed(exited, seen::get)).as("an exit no worker saw").containsExactly("a");
    assertThat(r.changed(RuntimeListing.of(0, List.of(sb), List.of(c("2", "b", ContainerState.CONTAINER_RUNNING))), seen::get))
        .as("a's objects went; its worker's last read still had them").containsExactly("a");
    assertThat(r.changed(RuntimeListing.of(0, List.of(sb), List.of(c("2", "b", ContainerState.CONTAINER_RUNNING), c("9", "z",
        ContainerState.CONTAINER_RUNNING))), seen::get)).as("a pod no worker read").containsExactly("z");
  }
}
