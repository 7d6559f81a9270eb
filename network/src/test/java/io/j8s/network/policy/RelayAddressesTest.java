package io.j8s.network.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

/** Where another node's relayed connections come from: its routed address and its tunnel's. */
class RelayAddressesTest {
  static Node node(String podCidr, String internalIp) {
    return new NodeBuilder().withNewMetadata().withName("n").endMetadata().withNewSpec().withPodCIDR(podCidr).endSpec()
        .withNewStatus().addNewAddress().withType("Hostname").withAddress("n").endAddress()
        .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress().endStatus().build();
  }

  @Test void theNodesAddressAndItsPodCidrsNetworkAddress() {
    assertThat(NetworkPolicyController.relayAddresses(node("10.88.161.0/24", "10.88.168.3"))).containsExactly("10.88.168.3", "10.88.161.0");
  }

  @Test void noneWithoutAPodCidrOrAnAddress() {
    assertThat(NetworkPolicyController.relayAddresses(node(null, "10.88.168.3"))).isEmpty();
    assertThat(NetworkPolicyController.relayAddresses(node("10.88.161.0/24", "fd00::3"))).isEmpty();
  }
}
