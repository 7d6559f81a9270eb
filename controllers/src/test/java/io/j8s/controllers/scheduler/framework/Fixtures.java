package io.j8s.controllers.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Nodes and pods for the scheduler tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Node node(String name, String cpu, String memory, int pods, Map<String, String> labels, Taint... taints) {
    Map<String, Quantity> alloc = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity(String.valueOf(pods)),
        "ephemeral-storage", new Quantity("100Gi"));
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(Map.copyOf(labels)).endMetadata()
        .withNewSpec().withTaints(List.of(taints)).endSpec()
        .withNewStatus().withAllocatable(alloc).withCapacity(alloc).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
        .build();
  }

  public static Node node(String name) {
    return node(name, "4", "8Gi", 110, Map.of("kubernetes.io/hostname", name));
  }

  public static Taint taint(String key, String value, String effect) {
    return new Taint(effect, key, null, value);
  }

  /** A pod with one container requesting {@code cpu} and {@code memory} (null: no request). */
  public static Pod pod(String name, String cpu, String memory) {
    return pod(name, cpu, memory, b -> b);
  }

  public static Pod pod(String name, String cpu, String memory, UnaryOperator<PodBuilder> more) {
    Map<String, Quantity> req = new java.util.HashMap<>();
    if (cpu != null) req.put("cpu", new Quantity(cpu));
    if (memory != null) req.put("memory", new Quantity(memory));
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("i").withNewResources().withRequests(req).endResources().endContainer().endSpec();
    return more.apply(b).build();
  }

  public static PodInfo info(Pod p) {
    return PodInfo.of(p);
  }

  public static NodeInfo nodeInfo(Node n, Pod... pods) {
    NodeInfo i = NodeInfo.of(n);
    for (Pod p : pods) i.addPod(PodInfo.of(p));
    return i;
  }
}
