package io.j8s.proxy.testing;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;

/** Small builders for the fabric8 objects the tracker consumes. */
public final class Objects {
  private Objects() {}

  public static ServiceBuilder service(String ns, String name, String clusterIP, int port) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP(clusterIP).withClusterIPs(clusterIP)
        .addNewPort().withName("http").withPort(port).withProtocol("TCP").endPort().endSpec();
  }

  public static Service clusterIP(String ns, String name, String clusterIP, int port) {
    return service(ns, name, clusterIP, port).build();
  }

  /** A slice of ready endpoints for port "http" on target port {@code port}, on node {@code node}. */
  public static EndpointSlice slice(String ns, String service, String sliceName, int port, String node, List<String> ips) {
    EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace(ns).withName(sliceName)
        .addToLabels("kubernetes.io/service-name", service).endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withPort(port).withProtocol("TCP").endPort();
    for (String ip : ips) {
      b.addNewEndpoint().withAddresses(ip).withNodeName(node).withNewConditions().withReady(true).endConditions().endEndpoint();
    }
    return b.build();
  }
}
