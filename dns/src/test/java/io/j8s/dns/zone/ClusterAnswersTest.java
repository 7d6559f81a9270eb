package io.j8s.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

class ClusterAnswersTest {
  static final ZoneConfig ZONE = ZoneConfig.of("cluster.local", "10.43.0.10");

  static Service clusterIp(String ns, String name, String ip, String... namedPorts) {
    var b = new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP(ip).withClusterIPs(ip);
    int port = 80;
    for (String p : namedPorts) {
      String[] f = p.split("/");
      b = b.addNewPort().withName(f[0]).withProtocol(f.length > 1 ? f[1] : "TCP").withPort(port++).endPort();
    }
    return b.endSpec().build();
  }

  static Service headless(String ns, String name) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withClusterIP("None").addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort().endSpec().build();
  }

  static Service external(String ns, String name, String target) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withType("ExternalName").withExternalName(target).endSpec().build();
  }

  /** endpoints "ip" or "ip=hostname", a trailing "!" marks not ready. */
  static EndpointSlice slice(String ns, String svc, String... endpoints) {
    var b = new EndpointSliceBuilder().withNewMetadata().withNamespace(ns).withName(svc + "-abc")
        .addToLabels(ClusterSnapshot.SERVICE_NAME_LABEL, svc).endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
    for (String e : endpoints) {
      boolean ready = !e.endsWith("!");
      String[] f = e.replace("!", "").split("=");
      b = b.addToEndpoints(new EndpointBuilder().withAddresses(f[0]).withHostname(f.length > 1 ? f[1] : null)
          .withNewConditions().withReady(ready).endConditions().build());
    }
    return b.build();
  }

  static final ClusterSnapshot SNAP = ClusterSnapshot.of(
      List.of(clusterIp("default", "web", "10.43.1.2", "http", "dns/UDP"), headless("apps", "db"), external("apps", "ext", "example.com"),
          clusterIp("default", "dual", "10.43.1.3")),
      List.of(slice("apps", "db", "10.42.0.5=db-0", "10.42.0.6", "10.42.0.7=db-2!"), slice("default", "web", "10.42.0.9")), 7);

  static Answer ask(String name, int type) {
    return ClusterAnswers.answer(SNAP, ZONE, Name.fromConstantString(name), type, 1);
  }

  static List<String> rdata(Answer a) {
    return a.answers().stream().map(Record::rdataToString).toList();
  }

  @Test
  void clusterIpServiceHasItsAddressWithTtl5AndNoAaaa() {
    Answer a = ask("web.default.svc.cluster.local.", Type.A);
    assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(rdata(a)).containsExactly("10.43.1.2");
    assertThat(a.answers().get(0).getTTL()).isEqualTo(5);
    assertThat(a.answers().get(0).getName()).isEqualTo(Name.fromConstantString("web.default.svc.cluster.local."));
    assertThat(a.authority()).isEmpty();
    Answer aaaa = ask("web.default.svc.cluster.local.", Type.AAAA);
    assertThat(aaaa.nodata()).isTrue();
    assertThat(aaaa.authority()).singleElement().isInstanceOf(SOARecord.class);
    assertThat(((SOARecord) aaaa.authority().get(0)).getMinimum()).isEqualTo(5);
    assertThat(ask("web.default.svc.cluster.local.", Type.MX).nodata()).isTrue();
  }

  @Test
  void namesAreCaseInsensitiveAndAnswerWithTheAskedSpelling() {
    Answer a = ask("WEB.Default.SVC.Cluster.Local.", Type.A);
    assertThat(rdata(a)).containsExactly("10.43.1.2");
    assertThat(a.answers().get(0).getName().toString()).isEqualTo("WEB.Default.SVC.Cluster.Local.");
  }

  @Test
  void unknownNamesAreNxdomainWithSoa() {
    for (String n : List.of("nope.default.svc.cluster.local.", "web.other.svc.cluster.local.", "x.y.z.w.v.u.cluster.local.",
        "other.cluster.local.", "web.default.foo.cluster.local.", "x.web.default.svc.cluster.local.", "nons.svc.cluster.local.")) {
      Answer a = ask(n, Type.A);
      assertThat(a.rcode()).as(n).isEqualTo(Rcode.NXDOMAIN);
      assertThat(a.answers()).as(n).isEmpty();
      assertThat(a.authority()).as(n).singleElement().isInstanceOf(SOARecord.class);
    }
  }

  @Test
  void emptyNonTerminalsAndTheApexExist() {
    for (String n : List.of("cluster.local.", "svc.cluster.local.", "pod.cluster.local.", "default.svc.cluster.local.",
        "apps.svc.cluster.local.", "_tcp.web.default.svc.cluster.local.", "_udp.web.default.svc.cluster.local.")) {
      assertThat(ask(n, Type.A).nodata()).as(n).isTrue();
    }
    assertThat(ask("_sctp.web.default.svc.cluster.local.", Type.A).nxdomain()).isTrue();
    Answer soa = ask("cluster.local.", Type.SOA);
    assertThat(soa.answers()).singleElement().isInstanceOf(SOARecord.class);
    assertThat(((SOARecord) soa.answers().get(0)).getSerial()).isEqualTo(7);
    assertThat(rdata(ask("cluster.local.", Type.NS))).containsExactly("ns.dns.cluster.local.");
    assertThat(rdata(ask("ns.dns.cluster.local.", Type.A))).containsExactly("10.43.0.10");
  }

  @Test
  void headlessServiceAnswersReadyEndpointsAndEndpointNames() {
    assertThat(rdata(ask("db.apps.svc.cluster.local.", Type.A))).containsExactlyInAnyOrder("10.42.0.5", "10.42.0.6");
    assertThat(rdata(ask("db-0.db.apps.svc.cluster.local.", Type.A))).containsExactly("10.42.0.5");
    assertThat(rdata(ask("10-42-0-6.db.apps.svc.cluster.local.", Type.A))).containsExactly("10.42.0.6");
    assertThat(ask("db-2.db.apps.svc.cluster.local.", Type.A).nxdomain()).as("not ready").isTrue();
    assertThat(ask("db-0.db.apps.svc.cluster.local.", Type.AAAA).nodata()).isTrue();
    assertThat(ask("db-0.web.default.svc.cluster.local.", Type.A).nxdomain()).as("ClusterIP has no endpoint names").isTrue();
  }

  @Test
  void publishNotReadyAddressesIncludesNotReadyEndpoints() {
    Service s = headless("apps", "db");
    s.getSpec().setPublishNotReadyAddresses(true);
    ClusterSnapshot snap = ClusterSnapshot.of(List.of(s), List.of(slice("apps", "db", "10.42.0.7=db-2!")), 1);
    Answer a = ClusterAnswers.answer(snap, ZONE, Name.fromConstantString("db-2.db.apps.svc.cluster.local."), Type.A, 1);
    assertThat(rdata(a)).containsExactly("10.42.0.7");
  }

  @Test
  void headlessWithoutEndpointsExistsButIsEmpty() {
    ClusterSnapshot snap = ClusterSnapshot.of(List.of(headless("apps", "db")), List.of(), 1);
    assertThat(ClusterAnswers.answer(snap, ZONE, Name.fromConstantString("db.apps.svc.cluster.local."), Type.A, 1).nodata()).isTrue();
  }

  @Test
  void srvForNamedPortsOfClusterIpServices() {
    Answer a = ask("_http._tcp.web.default.svc.cluster.local.", Type.SRV);
    assertThat(a.answers()).singleElement().satisfies(r -> {
      SRVRecord srv = (SRVRecord) r;
      assertThat(srv.getPort()).isEqualTo(80);
      assertThat(srv.getPriority()).isZero();
      assertThat(srv.getTarget().toString()).isEqualTo("web.default.svc.cluster.local.");
    });
    assertThat(rdata(new Answer(0, a.additional(), List.of(), List.of()))).containsExactly("10.43.1.2");
    SRVRecord dns = (SRVRecord) ask("_dns._udp.web.default.svc.cluster.local.", Type.SRV).answers().get(0);
    assertThat(dns.getPort()).isEqualTo(81);
    assertThat(ask("_dns._tcp.web.default.svc.cluster.local.", Type.SRV).nxdomain()).isTrue();
    assertThat(ask("_nope._tcp.web.default.svc.cluster.local.", Type.SRV).nxdomain()).isTrue();
    assertThat(ask("_http._tcp.web.default.svc.cluster.local.", Type.A).nodata()).isTrue();
    assertThat(ask("web.default.svc.cluster.local.", Type.SRV).answers()).hasSize(2);
  }

  @Test
  void srvOfHeadlessServicesHasOneRecordPerReadyEndpointWithTheEndpointPort() {
    Answer a = ask("_http._tcp.db.apps.svc.cluster.local.", Type.SRV);
    assertThat(a.answers()).hasSize(2).allSatisfy(r -> assertThat(((SRVRecord) r).getPort()).isEqualTo(8080));
    assertThat(a.answers().stream().map(r -> ((SRVRecord) r).getTarget().toString()))
        .containsExactlyInAnyOrder("db-0.db.apps.svc.cluster.local.", "10-42-0-6.db.apps.svc.cluster.local.");
    assertThat(a.additional()).hasSize(2);
  }

  @Test
  void externalNameIsACnameForEveryType() {
    for (int t : new int[] {Type.A, Type.AAAA, Type.CNAME, Type.SRV}) {
      Answer a = ask("ext.apps.svc.cluster.local.", t);
      assertThat(a.answers()).singleElement().satisfies(r -> {
        assertThat(r.getType()).isEqualTo(Type.CNAME);
        assertThat(r.rdataToString()).isEqualTo("example.com.");
      });
    }
    assertThat(ask("_http._tcp.ext.apps.svc.cluster.local.", Type.SRV).nxdomain()).isTrue();
  }

  @Test
  void podNamesResolveAnyWellFormedAddress() {
    assertThat(rdata(ask("10-42-0-17.default.pod.cluster.local.", Type.A))).containsExactly("10.42.0.17");
    assertThat(rdata(ask("10-42-0-17.anyns.pod.cluster.local.", Type.A))).containsExactly("10.42.0.17");
    assertThat(ask("10-42-0-17.default.pod.cluster.local.", Type.AAAA).nodata()).isTrue();
    assertThat(rdata(ask("fd00--1.default.pod.cluster.local.", Type.AAAA))).containsExactly("fd00:0:0:0:0:0:0:1");
    for (String bad : List.of("10-42-0-999", "10-42-0", "web", "10-42-0-1-2", "a-b-c-d")) {
      assertThat(ask(bad + ".default.pod.cluster.local.", Type.A).nxdomain()).as(bad).isTrue();
    }
  }

  @Test
  void dnsVersionIsATxtRecord() {
    assertThat(rdata(ask("dns-version.cluster.local.", Type.TXT))).containsExactly("\"1.1.0\"");
    assertThat(ask("dns-version.cluster.local.", Type.A).nodata()).isTrue();
  }

  @Test
  void deletedServicesAndFqdnSlicesAreIgnoredAndNamesOutsideTheZoneRejected() {
    Service gone = clusterIp("default", "gone", "10.43.1.4");
    gone.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    EndpointSlice fqdn = slice("apps", "db", "10.42.0.8=x");
    fqdn.setAddressType("FQDN");
    ClusterSnapshot snap = ClusterSnapshot.of(List.of(gone, headless("apps", "db")), List.of(fqdn), 1);
    assertThat(snap.services()).containsOnlyKeys("db.apps");
    assertThat(snap.service("db", "apps").endpoints()).isEmpty();
    assertThatThrownBy(() -> ClusterAnswers.answer(snap, ZONE, Name.fromConstantString("local."), Type.A, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherDomainAndTtl() {
    ZoneConfig z = new ZoneConfig(Name.fromConstantString("k8s.example."), 30, null);
    Answer a = ClusterAnswers.answer(SNAP, z, Name.fromConstantString("web.default.svc.k8s.example."), Type.A, 1);
    assertThat(a.answers().get(0).getTTL()).isEqualTo(30);
    assertThat(ClusterAnswers.answer(SNAP, z, Name.fromConstantString("ns.dns.k8s.example."), Type.A, 1).nxdomain()).isTrue();
  }
}
