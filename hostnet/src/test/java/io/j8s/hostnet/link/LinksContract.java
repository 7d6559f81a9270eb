package io.j8s.hostnet.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.hostnet.HostnetException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Links} does, checked against the fake ({@link RecordingLinksTest}) and the
 * real kernel ({@link IpCommandTest}). The namespace holds an uplink {@code j8sct0} with
 * 172.31.77.1/24, MTU 1500.
 */
abstract class LinksContract {
  static final String UPLINK = "j8sct0";
  static final String VX = "j8sctvx";

  abstract Links links();

  @Test void findsTheUplinkByItsAddress() throws Exception {
    Link l = links().linkWithAddress("172.31.77.1").orElseThrow();
    assertThat(l.name()).isEqualTo(UPLINK);
    assertThat(l.mtu()).isEqualTo(1500);
    assertThat(l.vxlan()).isNull();
    assertThat(links().linkWithAddress("172.31.77.99")).isEmpty();
    assertThat(links().link("j8sct-none")).isEmpty();
  }

  @Test void vxlanDeviceWithAddressRoutesNeighboursAndFdb() throws Exception {
    Links k = links();
    VxlanSpec spec = new VxlanSpec(VX, 1, 8472, "172.31.77.1", UPLINK, 1450);
    k.addVxlan(spec);
    try {
      Link vx = k.link(VX).orElseThrow();
      assertThat(vx.up()).isTrue();
      assertThat(vx.mtu()).isEqualTo(1450);
      assertThat(vx.mac()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
      assertThat(vx.vxlan()).isEqualTo(new Link.Vxlan(1, 8472, "172.31.77.1", UPLINK, false));
      assertThat(spec.matches(vx)).isTrue();
      assertThat(new VxlanSpec(VX, 1, 8472, "172.31.77.2", UPLINK, 1450).matches(vx)).isFalse();
      assertThatThrownBy(() -> k.addVxlan(spec)).isInstanceOf(HostnetException.class);

      k.addAddress(VX, "10.42.0.0/32");
      k.addAddress(VX, "10.42.0.0/32");
      assertThat(k.addresses(VX)).containsExactly("10.42.0.0/32");

      Route overlay = Route.onlink("10.42.1.0/24", "10.42.1.0", VX);
      Route direct = Route.via("10.42.2.0/24", "172.31.77.3", UPLINK);
      k.replaceRoute(overlay);
      k.replaceRoute(direct);
      k.replaceRoute(direct);
      assertThat(k.routes(Route.J8S_PROTOCOL)).containsExactlyInAnyOrder(overlay, direct);
      Route moved = Route.via("10.42.2.0/24", "172.31.77.4", UPLINK);
      k.replaceRoute(moved);
      assertThat(k.routes(Route.J8S_PROTOCOL)).containsExactlyInAnyOrder(overlay, moved);

      Neighbour n = new Neighbour(VX, "10.42.1.0", "02:AA:00:00:00:01");
      k.replaceNeighbour(n);
      k.replaceNeighbour(new Neighbour(VX, "10.42.1.0", "02:aa:00:00:00:02"));
      assertThat(k.neighbours(VX)).containsExactly(new Neighbour(VX, "10.42.1.0", "02:aa:00:00:00:02"));
      FdbEntry e = new FdbEntry(VX, "02:aa:00:00:00:02", "172.31.77.3");
      k.replaceFdb(e);
      k.replaceFdb(e);
      assertThat(k.fdb(VX)).containsExactly(e);

      k.deleteRoute(moved);
      k.deleteRoute(moved);
      assertThat(k.routes(Route.J8S_PROTOCOL)).containsExactly(overlay);
      k.deleteFdb(e);
      k.deleteFdb(e);
      assertThat(k.fdb(VX)).isEmpty();
      k.deleteNeighbour(new Neighbour(VX, "10.42.1.0", "02:aa:00:00:00:02"));
      assertThat(k.neighbours(VX)).isEmpty();
      k.deleteAddress(VX, "10.42.0.0/32");
      assertThat(k.addresses(VX)).isEmpty();
      assertThatThrownBy(() -> k.replaceRoute(Route.via("10.42.3.0/24", "172.31.77.3", "j8sct-none")))
          .isInstanceOf(HostnetException.class);

      // deleting the device takes its routes and entries with it
      k.replaceNeighbour(n);
      k.replaceFdb(e);
      k.deleteLink(VX);
      assertThat(k.link(VX)).isEmpty();
      assertThat(k.routes(Route.J8S_PROTOCOL)).isEmpty();
      assertThat(k.neighbours(VX)).isEmpty();
      assertThat(k.fdb(VX)).isEmpty();
      k.deleteLink(VX);
    } finally {
      k.deleteLink(VX);
    }
  }

  /** Whether this kernel has the dummy driver (the real one here may not: then the test is skipped). */
  boolean dummySupported() {
    return true;
  }

  @Test void dummyDeviceHoldsAddresses() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(dummySupported(), "this kernel has no dummy driver");
    String d = "j8sivdummy0"; // ipvs mode's test link names start j8siv; addresses in 10.88.210.0/24
    Links k = links();
    try {
      k.addDummy(d);
      assertThat(k.link(d)).hasValueSatisfying(l -> assertThat(l.up()).isFalse());
      assertThatThrownBy(() -> k.addDummy(d)).isInstanceOf(HostnetException.class);
      k.addAddress(d, "10.88.210.1/32");
      k.addAddress(d, "10.88.210.2/32");
      assertThat(k.addresses(d)).containsExactlyInAnyOrder("10.88.210.1/32", "10.88.210.2/32");
      k.deleteAddress(d, "10.88.210.1/32");
      assertThat(k.addresses(d)).containsExactly("10.88.210.2/32");
    } finally {
      k.deleteLink(d);
    }
    assertThat(k.link(d)).isEmpty();
  }

  @Test void routesOfOtherProtocolsAreNotListed() throws Exception {
    Route other = new Route("10.42.9.0/24", "172.31.77.9", UPLINK, false, 99);
    links().replaceRoute(other);
    try {
      assertThat(links().routes(Route.J8S_PROTOCOL)).doesNotContain(other);
      assertThat(links().routes(99)).containsExactly(other);
    } finally {
      links().deleteRoute(other);
    }
    assertThat(links().routes(99)).isEmpty();
    assertThat(List.of(other.toString())).containsExactly("10.42.9.0/24 via 172.31.77.9 dev j8sct0 proto 99");
  }
}
