package io.j8s.network.flannel;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.Map;

/** Node objects for the tests. */
final class Nodes {
  private Nodes() {}

  static Node node(String name, String podCidr, String internalIp, Map<String, String> annotations) {
    return new NodeBuilder().withNewMetadata().withName(name).withAnnotations(annotations).endMetadata()
        .withNewSpec().withPodCIDR(podCidr).endSpec()
        .withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress().endStatus().build();
  }

  static Node vxlan(String name, String podCidr, String ip, String mac) {
    return node(name, podCidr, ip, FlannelAnnotations.of(Backend.VXLAN, 1, mac, ip));
  }

  static Node hostGw(String name, String podCidr, String ip) {
    return node(name, podCidr, ip, FlannelAnnotations.of(Backend.HOST_GW, 0, null, ip));
  }
}
