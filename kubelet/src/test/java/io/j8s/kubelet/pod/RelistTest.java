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
}
