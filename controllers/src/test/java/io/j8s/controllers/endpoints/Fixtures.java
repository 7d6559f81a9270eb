package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test objects: services, pods, nodes, and an in-memory slice store that applies plans as an API server would. */
final class Fixtures {
  private Fixtures() {}

  static Service service(String name, Object targetPort) {
    var port = new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP")
        .withTargetPort(targetPort instanceof Integer i ? new IntOrString(i) : new IntOrString((String) targetPort)).build();
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name).endMetadata()
        .withNewSpec().withSelector(Map.of("app", name)).withPorts(port).withClusterIP("10.43.0.10").endSpec().build();
  }

  /** A Running, Ready pod of app {@code app} on node n1 with a container port named http = {@code httpPort}. */
  static Pod pod(String name, String app, String ip, int httpPort) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name).withLabels(Map.of("app", app)).endMetadata()
        .withNewSpec().withNodeName("n1").addNewContainer().withName("c").withPorts(new ContainerPortBuilder().withName("http")
            .withContainerPort(httpPort).withProtocol("TCP").build()).endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
        .build();
  }

  static Pod unready(Pod p) {
    return new PodBuilder(p).editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False").endCondition().endStatus().build();
  }

  static Pod terminating(Pod p) {
    return new PodBuilder(p).editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z").endMetadata().build();
  }

  static Node node(String name, String zone) {
    var b = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    if (zone != null) b.editMetadata().withLabels(Map.of(PodEndpoints.LABEL_ZONE, zone)).endMetadata();
    return b.build();
  }

  static Map<String, Node> nodes() {
    return Map.of("n1", node("n1", "zone-a"), "n2", node("n2", "zone-b"));
  }

  static List<Pod> pods(String app, int n) {
    List<Pod> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(pod(String.format("p%04d", i), app, "10.42." + (i / 250) + "." + (i % 250 + 1), 8080));
    return out;
  }

  /** Slices as the API server holds them: names and uids assigned on create, generation bumped on update. */
  static final class SliceStore {
    final Map<String, EndpointSlice> slices = new LinkedHashMap<>();
    final Map<String, Integer> writesPerSlice = new HashMap<>();
    int next;

    List<EndpointSlice> list() {
      return List.copyOf(slices.values());
    }

    void apply(SlicePlan plan) {
      for (EndpointSlice s : plan.creates()) {
        String name = s.getMetadata().getGenerateName() + String.format("%05d", next++);
        slices.put(name, new EndpointSliceBuilder(s).editMetadata().withName(name).withUid("uid-" + name).withGeneration(1L)
            .withResourceVersion("1").endMetadata().build());
      }
      for (EndpointSlice s : plan.updates()) {
        String name = s.getMetadata().getName();
        if (!slices.containsKey(name)) throw new AssertionError("update of missing slice " + name);
        long gen = s.getMetadata().getGeneration() + 1;
        slices.put(name, new EndpointSliceBuilder(s).editMetadata().withGeneration(gen).endMetadata().build());
        writesPerSlice.merge(name, 1, Integer::sum);
      }
      for (EndpointSlice s : plan.deletes()) {
        if (slices.remove(s.getMetadata().getName()) == null) throw new AssertionError("delete of missing slice " + s.getMetadata().getName());
      }
    }
  }
}
