package io.j8s.network.flannel;

import static io.j8s.network.flannel.RoutePlanner.VXLAN_DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.link.FdbEntry;
import io.j8s.hostnet.link.Neighbour;
import io.j8s.hostnet.link.Route;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutePlannerTest {
  static final LocalNode GW = new LocalNode("a", "10.42.0.0/24", Backend.HOST_GW, "eth0");
  static final LocalNode VX = new LocalNode("a", "10.42.0.0/24", Backend.VXLAN, "eth0");

  static PeerNode gw(String name, String cidr, String ip) { return new PeerNode(name, cidr, ip, "host-gw", null); }

  static PeerNode vx(String name, String cidr, String ip, String mac) { return new PeerNode(name, cidr, ip, "vxlan", mac); }

  @Test void hostGwRoutesEachRemoteSubnetViaItsNodeIp() {
    RoutePlan p = RoutePlanner.plan(GW, List.of(gw("c", "10.42.2.0/24", "172.31.0.3"), gw("a", "10.42.0.0/24", "172.31.0.1"),
        gw("b", "10.42.1.0/24", "172.31.0.2")));
    assertThat(p.routes()).containsExactly(Route.via("10.42.1.0/24", "172.31.0.2", "eth0"), Route.via("10.42.2.0/24", "172.31.0.3", "eth0"));
    assertThat(p.neighbours()).isEmpty();
    assertThat(p.fdb()).isEmpty();
    assertThat(p.skipped()).isEmpty();
  }

  @Test void vxlanRoutesViaTheRemoteNetworkAddressWithNeighbourAndFdb() {
    RoutePlan p = RoutePlanner.plan(VX, List.of(vx("b", "10.42.1.0/24", "172.31.0.2", "02:00:00:00:00:0b")));
    assertThat(p.routes()).containsExactly(Route.onlink("10.42.1.0/24", "10.42.1.0", VXLAN_DEVICE));
    assertThat(p.neighbours()).containsExactly(new Neighbour(VXLAN_DEVICE, "10.42.1.0", "02:00:00:00:00:0b"));
    assertThat(p.fdb()).containsExactly(new FdbEntry(VXLAN_DEVICE, "02:00:00:00:00:0b", "172.31.0.2"));
  }

  @Test void peersOfAnotherOrNoBackendAreSkipped() {
    RoutePlan p = RoutePlanner.plan(GW, List.of(vx("b", "10.42.1.0/24", "172.31.0.2", "02:00:00:00:00:0b"),
        new PeerNode("c", "10.42.2.0/24", "172.31.0.3", null, null)));
    assertThat(p.routes()).isEmpty();
    assertThat(p.skipped()).containsExactly("b: backend vxlan, not host-gw", "c: backend not published yet");
  }

  @Test void vxlanPeerWithoutMacOrWithADuplicateMacIsSkipped() {
    RoutePlan p = RoutePlanner.plan(VX, List.of(vx("b", "10.42.1.0/24", "172.31.0.2", null),
        vx("c", "10.42.2.0/24", "172.31.0.3", "02:00:00:00:00:0c"), vx("d", "10.42.3.0/24", "172.31.0.4", "02:00:00:00:00:0c")));
    assertThat(p.routes()).extracting(Route::dst).containsExactly("10.42.2.0/24");
    assertThat(p.skipped()).containsExactly("b: no VTEP MAC published", "d: VTEP MAC 02:00:00:00:00:0c already used by another node");
  }

  @Test void aPeerClaimingOurOrAnEarlierSubnetIsSkipped() {
    RoutePlan p = RoutePlanner.plan(GW, List.of(gw("z", "10.42.1.0/24", "172.31.0.9"), gw("b", "10.42.1.0/24", "172.31.0.2"),
        gw("x", "10.42.0.0/24", "172.31.0.8")));
    assertThat(p.routes()).containsExactly(Route.via("10.42.1.0/24", "172.31.0.2", "eth0"));
    assertThat(p.skipped()).containsExactly("x: podCIDR 10.42.0.0/24 already routed", "z: podCIDR 10.42.1.0/24 already routed");
  }

  @Test void aPeerListedTwiceIsPlannedOnce() {
    RoutePlan p = RoutePlanner.plan(GW, List.of(gw("b", "10.42.1.0/24", "172.31.0.2"), gw("b", "10.42.1.0/24", "172.31.0.2")));
    assertThat(p.routes()).hasSize(1);
    assertThat(p.skipped()).containsExactly("b: listed twice");
  }

  @Test void theOrderOfPeersDoesNotMatter() {
    List<PeerNode> peers = new ArrayList<>();
    for (int i = 1; i < 40; i++) peers.add(vx("n" + i, "10.42." + i + ".0/24", "172.31.0." + i, String.format("02:00:00:00:00:%02x", i)));
    RoutePlan expected = RoutePlanner.plan(VX, peers);
    Random r = new Random(7);
    for (int k = 0; k < 20; k++) {
      Collections.shuffle(peers, r);
      assertThat(RoutePlanner.plan(VX, peers)).isEqualTo(expected);
    }
    assertThat(expected.routes()).hasSize(39);
  }

  @Test void vxlanAddressIsTheSubnetsNetworkAddress() {
    assertThat(RoutePlanner.vxlanAddress("10.42.7.0/24")).isEqualTo("10.42.7.0/32");
    assertThat(RoutePlanner.vxlanAddress("10.42.7.128/25")).isEqualTo("10.42.7.128/32");
  }

  @Test void diffDeletesWhatIsNoLongerWantedAndAddsWhatDiffers() {
    RoutePlan p = RoutePlanner.plan(VX, List.of(vx("b", "10.42.1.0/24", "172.31.0.2", "02:00:00:00:00:0b")));
    Route stale = Route.onlink("10.42.5.0/24", "10.42.5.0", VXLAN_DEVICE);
    Neighbour staleN = new Neighbour(VXLAN_DEVICE, "10.42.5.0", "02:00:00:00:00:05");
    FdbEntry oldFdb = new FdbEntry(VXLAN_DEVICE, "02:00:00:00:00:0b", "172.31.0.99");
    RoutePlan.Changes c = p.diff(List.of(stale, p.routes().get(0)), List.of(staleN), List.of(oldFdb));
    assertThat(c.deleteRoutes()).containsExactly(stale);
    assertThat(c.deleteNeighbours()).containsExactly(staleN);
    assertThat(c.deleteFdb()).containsExactly(oldFdb);
    assertThat(c.addRoutes()).isEmpty();
    assertThat(c.addNeighbours()).isEqualTo(p.neighbours());
    assertThat(c.addFdb()).isEqualTo(p.fdb());
    assertThat(p.diff(p.routes(), p.neighbours(), p.fdb()).isEmpty()).isTrue();
  }

  @Test void peerFromNodePrefersThePublicIpAnnotation() {
    var n = Nodes.node("b", "10.42.1.0/24", "172.31.0.2", Map.of(FlannelAnnotations.PUBLIC_IP, "172.31.5.5",
        FlannelAnnotations.BACKEND_TYPE, "vxlan", FlannelAnnotations.BACKEND_DATA, "{\"VNI\":1,\"VtepMAC\":\"02:AB:00:00:00:01\"}"));
    assertThat(PeerNode.from(n)).contains(new PeerNode("b", "10.42.1.0/24", "172.31.5.5", "vxlan", "02:ab:00:00:00:01"));
    assertThat(PeerNode.from(Nodes.node("b", "10.42.1.0/24", "172.31.0.2", Map.of())))
        .contains(new PeerNode("b", "10.42.1.0/24", "172.31.0.2", null, null));
    assertThat(PeerNode.from(Nodes.node("b", null, "172.31.0.2", Map.of()))).isEmpty();
    assertThat(PeerNode.from(Nodes.node("b", "bogus", "172.31.0.2", Map.of()))).isEmpty();
    assertThat(PeerNode.from(Nodes.node("b", "10.42.1.0/24", "fe80::1", Map.of()))).isEmpty();
  }

  @Test void annotationsAsFlannelWritesThem() {
    assertThat(FlannelAnnotations.of(Backend.VXLAN, 1, "02:AA:BB:CC:DD:EE", "172.31.0.1")).containsExactly(
        Map.entry("flannel.alpha.coreos.com/backend-type", "vxlan"),
        Map.entry("flannel.alpha.coreos.com/backend-data", "{\"VNI\":1,\"VtepMAC\":\"02:aa:bb:cc:dd:ee\"}"),
        Map.entry("flannel.alpha.coreos.com/kube-subnet-manager", "true"),
        Map.entry("flannel.alpha.coreos.com/public-ip", "172.31.0.1"));
    assertThat(FlannelAnnotations.of(Backend.HOST_GW, 0, null, "172.31.0.1")).containsEntry(FlannelAnnotations.BACKEND_DATA, "null");
    assertThat(FlannelAnnotations.vtepMac("null")).isEmpty();
    assertThat(FlannelAnnotations.vtepMac("{\"VtepMAC\":\"zz\"}")).isEmpty();
    assertThat(FlannelAnnotations.vtepMac("{not json")).isEmpty();
    assertThat(FlannelAnnotations.published(Map.of("x", "y"), Map.of())).isTrue();
    assertThat(FlannelAnnotations.published(null, Map.of("x", "y"))).isFalse();
  }

  @Test void backendMtuAndParsing() {
    assertThat(Backend.VXLAN.podMtu(1500)).isEqualTo(1450);
    assertThat(Backend.HOST_GW.podMtu(1500)).isEqualTo(1500);
    assertThat(Backend.parse("Host-GW")).isEqualTo(Backend.HOST_GW);
    assertThat(Backend.DEFAULT).isEqualTo(Backend.VXLAN);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backend.parse("udp")).hasMessageContaining("host-gw or vxlan");
  }
}
