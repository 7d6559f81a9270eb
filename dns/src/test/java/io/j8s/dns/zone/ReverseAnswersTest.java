package io.j8s.dns.zone;

import static io.j8s.dns.zone.ClusterAnswersTest.SNAP;
import static io.j8s.dns.zone.ClusterAnswersTest.ZONE;
import static io.j8s.dns.zone.ClusterAnswersTest.clusterIp;
import static io.j8s.dns.zone.ClusterAnswersTest.headless;
import static io.j8s.dns.zone.ClusterAnswersTest.slice;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ReverseAnswersTest {
  static Answer ask(ClusterSnapshot snap, String name, int type) {
    return ReverseAnswers.answer(snap, ZONE, Name.fromConstantString(name), type);
  }

  static List<String> ptrs(Answer a) {
    return a.answers().stream().map(Record::rdataToString).toList();
  }

  @Test
  void aClusterIpPointsAtItsService() {
    Answer a = ask(SNAP, "2.1.43.10.in-addr.arpa.", Type.PTR);
    assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(ptrs(a)).containsExactly("web.default.svc.cluster.local.");
    assertThat(a.answers().getFirst().getTTL()).isEqualTo(ZoneConfig.DEFAULT_TTL);
    assertThat(a.answers().getFirst().getName()).isEqualTo(Name.fromConstantString("2.1.43.10.in-addr.arpa."));
  }

  @Test
  void aHeadlessEndpointPointsAtItsHostnameOrDashedAddressUnderTheService() {
    assertThat(ptrs(ask(SNAP, "5.0.42.10.in-addr.arpa.", Type.PTR))).containsExactly("db-0.db.apps.svc.cluster.local.");
    assertThat(ptrs(ask(SNAP, "6.0.42.10.in-addr.arpa.", Type.PTR))).containsExactly("10-42-0-6.db.apps.svc.cluster.local.");
  }

  @Test
  void addressesTheClusterDoesNotServeAreLeftToTheForwarder() {
    assertThat(ask(SNAP, "7.0.42.10.in-addr.arpa.", Type.PTR)).as("not-ready endpoint").isNull();
    assertThat(ask(SNAP, "9.0.42.10.in-addr.arpa.", Type.PTR)).as("endpoint of a ClusterIP service").isNull();
    assertThat(ask(SNAP, "1.1.168.192.in-addr.arpa.", Type.PTR)).isNull();
    assertThat(ask(SNAP, "1.168.192.in-addr.arpa.", Type.PTR)).as("a network, not an address").isNull();
    assertThat(ask(SNAP, "300.1.43.10.in-addr.arpa.", Type.PTR)).isNull();
    assertThat(ask(SNAP, "02.1.43.10.in-addr.arpa.", Type.PTR)).isNull();
    assertThat(ask(SNAP, "2.1.43.10.example.arpa.", Type.PTR)).isNull();
    assertThat(ask(SNAP, "web.default.svc.cluster.local.", Type.PTR)).isNull();
  }

  @Test
  void otherTypesOfAKnownAddressAreAnEmptyAnswer() {
    Answer a = ask(SNAP, "2.1.43.10.in-addr.arpa.", Type.A);
    assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.answers()).isEmpty();
    assertThat(ptrs(ask(SNAP, "2.1.43.10.in-addr.arpa.", Type.ANY))).containsExactly("web.default.svc.cluster.local.");
  }

  @Test
  void ipv6UsesTheNibbleForm() {
    ClusterSnapshot snap = ClusterSnapshot.of(List.of(clusterIp("default", "six", "fd00:10:43::a")), List.of(), 1);
    String nibbles = "a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.4.0.0.0.1.0.0.0.0.d.f.ip6.arpa.";
    assertThat(ptrs(ask(snap, nibbles, Type.PTR))).containsExactly("six.default.svc.cluster.local.");
    assertThat(ask(snap, nibbles.substring(2), Type.PTR)).as("31 nibbles").isNull();
    assertThat(ask(snap, nibbles.replaceFirst("^a", "g"), Type.PTR)).isNull();
  }

  @Test
  void anAddressSharedByTwoServicesHasBothNamesInAStableOrder() {
    ClusterSnapshot snap = ClusterSnapshot.of(List.of(headless("b", "db"), headless("a", "db")),
        List.of(slice("a", "db", "10.42.3.3=x"), slice("b", "db", "10.42.3.3=x")), 1);
    assertThat(ptrs(ask(snap, "3.3.42.10.in-addr.arpa.", Type.PTR)))
        .containsExactly("x.db.a.svc.cluster.local.", "x.db.b.svc.cluster.local.");
  }
}
