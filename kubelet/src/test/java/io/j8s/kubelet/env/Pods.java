package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;

/** Test fixtures: pods, containers, services. */
public final class Pods {
  private Pods() {}

  public static final Map<String, Quantity> ALLOCATABLE =
      Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"), "ephemeral-storage", new Quantity("100Gi"));

  public static PodBuilder pod(Container... containers) {
    return new PodBuilder().withNewMetadata().withName("web").withNamespace("ns1").withUid("uid-1")
        .withLabels(Map.of("app", "web", "tier", "front")).withAnnotations(Map.of("note", "say \"hi\"\n"))
        .endMetadata()
        .withNewSpec().withNodeName("node-a").withServiceAccountName("sa").withContainers(containers).endSpec();
  }

  public static ContainerBuilder container(String name) {
    return new ContainerBuilder().withName(name).withImage("busybox");
  }

  public static Service service(String ns, String name, String clusterIp, ServicePort... ports) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withClusterIP(clusterIp).withPorts(ports).endSpec().build();
  }

  public static ServicePort port(String name, int port, String protocol) {
    return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
  }

  public static EnvContext ctx() {
    return new EnvContext(List.of("10.88.0.5", "fd00::5"), List.of("192.168.1.10"), ALLOCATABLE);
  }

  public static Pod simple(Container c) {
    return pod(c).build();
  }
}
