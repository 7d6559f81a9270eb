package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.kubelet.pod.RuntimePod.ContainerInfo;
import io.j8s.kubelet.pod.RuntimePod.Sandbox;
import io.j8s.kubelet.pod.RuntimePod.State;
import java.time.Instant;
import java.util.List;

/** Pods and runtime states for the pure tests. */
final class TestPods {
  static final String UID = "11111111-2222-3333-4444-555555555555";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestPods() {}

  static Container container(String name) {
    return new ContainerBuilder().withName(name).withImage("j8s.local/busybox:1").withCommand("sh", "-c", "sleep 1000").build();
  }

  static Pod pod(String restartPolicy, List<String> inits, String... apps) {
    return new PodBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid(UID).endMetadata()
        .withNewSpec().withNodeName("n1").withRestartPolicy(restartPolicy)
        .withInitContainers(inits.stream().map(TestPods::container).toList())
        .withContainers(java.util.Arrays.stream(apps).map(TestPods::container).toList())
        .endSpec().build();
  }

  static Sandbox sandbox(String id, int attempt, boolean ready) {
    return new Sandbox(id, attempt, ready, 1000L * (attempt + 1), ready ? "10.88.0." + (attempt + 2) : "", List.of());
  }

  static ContainerInfo running(Pod pod, String name, String sandbox, int restarts, long created) {
    return info(pod, name, sandbox, restarts, created, State.RUNNING, 0);
  }

  static ContainerInfo exited(Pod pod, String name, String sandbox, int restarts, long created, int exitCode) {
    return info(pod, name, sandbox, restarts, created, State.EXITED, exitCode);
  }

  static ContainerInfo info(Pod pod, String name, String sandbox, int restarts, long created, State state, int exitCode) {
    Container spec = java.util.stream.Stream.concat(pod.getSpec().getContainers().stream(), ActionPlanner.inits(pod).stream())
        .filter(c -> c.getName().equals(name)).findFirst().orElse(container(name));
    boolean init = ActionPlanner.inits(pod).contains(spec);
    return new ContainerInfo(name + "-" + restarts + "-" + created, sandbox, name, init, restarts, state, created,
        T0.plusSeconds(created), state == State.EXITED ? T0.plusSeconds(created + 1) : null, exitCode, "", "",
        "j8s.local/busybox:1", "sha256:abc", ContainerConfigs.hash(spec), 30);
  }

  static RuntimePod rt(List<Sandbox> sandboxes, ContainerInfo... containers) {
    return new RuntimePod(UID, sandboxes, List.of(containers));
  }
}
