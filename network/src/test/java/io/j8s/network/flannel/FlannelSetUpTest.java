package io.j8s.network.flannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.link.Link;
import io.j8s.hostnet.link.RecordingLinks;
import io.j8s.hostnet.sysctl.RecordingSysctl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node set-up over fakes: forwarding, the masquerade chain, the VXLAN device and the pods' MTU. */
class FlannelSetUpTest {
  static FlannelNetwork.Config cfg(Backend b, String ip) {
    return new FlannelNetwork.Config("a", ip, "10.42.3.0/24", "10.42.0.0/16", b, Duration.ofSeconds(30));
  }

  @Test void vxlanMakesTheDeviceAndTakesFiftyBytesOffTheMtu() throws Exception {
    RecordingLinks links = new RecordingLinks().withDevice("eth0", 9000, "172.31.0.1/24");
    RecordingIptables ipt = new RecordingIptables();
    RecordingSysctl sysctl = new RecordingSysctl().with("net.ipv4.ip_forward", "0");
    List<String> progress = new ArrayList<>();
    FlannelNetwork f = new FlannelNetwork(null, cfg(Backend.VXLAN, "172.31.0.1"), links, progress::add);
    f.setUp(ipt, sysctl);
    assertThat(f.podMtu()).isEqualTo(8950);
    Link vx = links.link("flannel.1").orElseThrow();
    assertThat(vx.vxlan()).isEqualTo(new Link.Vxlan(1, 8472, "172.31.0.1", "eth0", false));
    assertThat(vx.mtu()).isEqualTo(8950);
    assertThat(links.addresses("flannel.1")).containsExactly("10.42.3.0/32");
    assertThat(sysctl.writes()).containsExactly("net.ipv4.ip_forward=1");
    assertThat(ipt.calls).contains("chain nat J8S-FLANNEL-POSTRTG",
        "rule APPEND nat POSTROUTING -m comment --comment j8s pod network masquerade -j J8S-FLANNEL-POSTRTG");
    assertThat(f.summary()).contains("vxlan over eth0, pod MTU 8950");
    assertThat(progress).isEmpty();

    // same again (an agent restart): the device is kept, so its MAC (the published VTEP MAC) stays
    links.clearChanges();
    new FlannelNetwork(null, cfg(Backend.VXLAN, "172.31.0.1"), links, progress::add).setUp(ipt, sysctl);
    assertThat(links.changes()).isEmpty();
    assertThat(links.link("flannel.1").orElseThrow().mac()).isEqualTo(vx.mac());

    // a new node IP makes the device again
    links.withDevice("eth1", 1500, "172.31.1.1/24");
    FlannelNetwork moved = new FlannelNetwork(null, cfg(Backend.VXLAN, "172.31.1.1"), links, progress::add);
    moved.setUp(ipt, sysctl);
    assertThat(links.link("flannel.1").orElseThrow().vxlan().local()).isEqualTo("172.31.1.1");
    assertThat(moved.podMtu()).isEqualTo(1450);
  }

  @Test void hostGwKeepsTheMtuAndRemovesAnOldVxlanDevice() throws Exception {
    RecordingLinks links = new RecordingLinks().withDevice("eth0", 1500, "172.31.0.1/24");
    new FlannelNetwork(null, cfg(Backend.VXLAN, "172.31.0.1"), links, l -> {}).setUp(new RecordingIptables(),
        new RecordingSysctl().with("net.ipv4.ip_forward", "1"));
    FlannelNetwork gw = new FlannelNetwork(null, cfg(Backend.HOST_GW, "172.31.0.1"), links, l -> {});
    gw.setUp(new RecordingIptables(), new RecordingSysctl().with("net.ipv4.ip_forward", "1"));
    assertThat(gw.podMtu()).isEqualTo(1500);
    assertThat(links.link("flannel.1")).isEmpty();
  }

  @Test void aLoopbackNodeIpIsASingleNodeClusterWithoutBackend() throws Exception {
    RecordingLinks links = new RecordingLinks();
    FlannelNetwork f = new FlannelNetwork(null, cfg(Backend.VXLAN, "127.0.0.1"), links, l -> {});
    f.setUp(new RecordingIptables(), new RecordingSysctl().with("net.ipv4.ip_forward", "1"));
    assertThat(f.podMtu()).isZero();
    assertThat(links.link("flannel.1")).isEmpty();
    assertThat(f.summary()).contains("loopback");
  }

  @Test void aNodeIpOnNoInterfaceIsAnError() {
    RecordingLinks links = new RecordingLinks().withDevice("eth0", 1500, "172.31.0.1/24");
    FlannelNetwork f = new FlannelNetwork(null, cfg(Backend.VXLAN, "172.31.0.9"), links, l -> {});
    assertThatThrownBy(() -> f.setUp(new RecordingIptables(), new RecordingSysctl().with("net.ipv4.ip_forward", "1")))
        .isInstanceOf(HostnetException.class).hasMessageContaining("172.31.0.9 is on no interface").hasMessageContaining("--node-ip");
  }

  @Test void aPodCidrOutsideTheClusterCidrIsWarnedAbout() throws Exception {
    List<String> progress = new ArrayList<>();
    RecordingLinks links = new RecordingLinks().withDevice("eth0", 1500, "172.31.0.1/24");
    new FlannelNetwork(null, new FlannelNetwork.Config("a", "172.31.0.1", "10.88.3.0/24", "10.42.0.0/16", Backend.HOST_GW,
        Duration.ofSeconds(30)), links, progress::add).setUp(new RecordingIptables(), new RecordingSysctl().with("net.ipv4.ip_forward", "1"));
    assertThat(progress).singleElement().asString().contains("not inside the cluster CIDR 10.42.0.0/16");
  }
}
