package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.dns.ClusterDns;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The cluster DNS as {@code j8s server} runs it, against a whole server with simulated nodes (pods
 * get IPs and turn Ready without containers), listening on 127.0.0.1:53 inside the test's network
 * namespace, asked with dnsjava over UDP and TCP: the kube-dns Service and its EndpointSlice, a
 * ClusterIP Service with named ports (A, SRV), a headless Service whose pods name themselves into
 * it (hostname/subdomain), an ExternalName Service, pod names, NXDOMAIN vs NODATA, and changes
 * followed (a deleted Service disappears, a new pod appears).
 */
@Tag("integration")
@WithJ8sServer
class ClusterDnsTest {
  static final String NS = "dnsit";

  @Test
  void answersForServicesEndpointsAndPodsAndFollowsChanges(RunningServer server, @TempDir Path dir) throws Exception {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "dns", 1);
         KubernetesClient dnsIdentity = ComponentIdentity.DNS.client(server.dataDir(), server.url().toString());
         ClusterDns dns = EmbeddedDns.start(dnsIdentity, c, "10.43.0.0/16", "127.0.0.1", "127.0.0.1", null, 53, dir.resolve("no-resolv.conf"),
             line -> System.out.println("j8s: " + line))) {
      assertThat(dns.udpAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 53));
      SimpleResolver udp = resolver(false);
      SimpleResolver tcp = resolver(true);

      Service kubeDns = c.services().inNamespace("kube-system").withName("kube-dns").get();
      assertThat(kubeDns.getSpec().getClusterIP()).isEqualTo("10.43.0.10");
      assertThat(kubeDns.getSpec().getSelector()).isNullOrEmpty();
      EndpointSlice slice = c.discovery().v1().endpointSlices().inNamespace("kube-system").withName("kube-dns-j8s").get();
      assertThat(slice.getEndpoints().get(0).getAddresses()).containsExactly("127.0.0.1");
      assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "kube-dns");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(a(udp, "kube-dns.kube-system.svc.cluster.local.", Type.A)).containsExactly("10.43.0.10"));

      c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
      Service web = c.resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
          .withNewSpec().withSelector(Map.of("app", "web"))
          .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080)).endPort()
          .addNewPort().withName("dns").withProtocol("UDP").withPort(5353).endPort().endSpec().build()).create();
      c.resource(new ServiceBuilder().withNewMetadata().withName("db").withNamespace(NS).endMetadata()
          .withNewSpec().withClusterIP("None").withSelector(Map.of("app", "db"))
          .addNewPort().withName("pg").withPort(5432).endPort().endSpec().build()).create();
      c.resource(new ServiceBuilder().withNewMetadata().withName("ext").withNamespace(NS).endMetadata()
          .withNewSpec().withType("ExternalName").withExternalName("db.example.test").endSpec().build()).create();
      for (int i = 0; i < 2; i++) c.resource(dbPod(i)).create();

      String webIp = web.getSpec().getClusterIP();
      assertThat(webIp).startsWith("10.43.");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(a(udp, "web." + NS + ".svc.cluster.local.", Type.A)).containsExactly(webIp));
      assertThat(a(tcp, "WEB." + NS.toUpperCase() + ".svc.Cluster.Local.", Type.A)).containsExactly(webIp);
      assertThat(ask(udp, "web." + NS + ".svc.cluster.local.", Type.AAAA).getRcode()).isEqualTo(Rcode.NOERROR);
      SRVRecord http = (SRVRecord) ask(udp, "_http._tcp.web." + NS + ".svc.cluster.local.", Type.SRV).getSection(Section.ANSWER).get(0);
      assertThat(http.getPort()).isEqualTo(80);
      assertThat(http.getTarget().toString()).isEqualTo("web." + NS + ".svc.cluster.local.");
      assertThat(((SRVRecord) ask(tcp, "_dns._udp.web." + NS + ".svc.cluster.local.", Type.SRV).getSection(Section.ANSWER).get(0)).getPort())
          .isEqualTo(5353);
      assertThat(ask(udp, "_dns._tcp.web." + NS + ".svc.cluster.local.", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);

      await().atMost(Duration.ofSeconds(60)).until(() -> podIps(c).size() == 2);
      List<String> ips = podIps(c);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(a(udp, "db." + NS + ".svc.cluster.local.", Type.A)).containsExactlyInAnyOrderElementsOf(ips));
      String db0 = c.pods().inNamespace(NS).withName("db-0").get().getStatus().getPodIP();
      assertThat(a(udp, "db-0.db." + NS + ".svc.cluster.local.", Type.A)).containsExactly(db0);
      assertThat(a(tcp, "db-1.db." + NS + ".svc.cluster.local.", Type.A)).hasSize(1).doesNotContain(db0);
      Message srv = ask(udp, "_pg._tcp.db." + NS + ".svc.cluster.local.", Type.SRV);
      assertThat(srv.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget().toString())
          .containsExactlyInAnyOrder("db-0.db." + NS + ".svc.cluster.local.", "db-1.db." + NS + ".svc.cluster.local.");
      assertThat(srv.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString).containsAll(ips);

      Message ext = ask(udp, "ext." + NS + ".svc.cluster.local.", Type.A);
      assertThat(ext.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
        assertThat(r.getType()).isEqualTo(Type.CNAME);
        assertThat(r.rdataToString()).isEqualTo("db.example.test.");
      });

      String dashed = db0.replace('.', '-');
      assertThat(a(udp, dashed + "." + NS + ".pod.cluster.local.", Type.A)).containsExactly(db0);
      assertThat(ask(udp, "nope." + NS + ".svc.cluster.local.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(ask(udp, NS + ".svc.cluster.local.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(ask(udp, "example.org.", Type.A).getRcode()).as("no upstream").isEqualTo(Rcode.REFUSED);
      assertThat(ask(udp, "dns-version.cluster.local.", Type.TXT).getSection(Section.ANSWER)).hasSize(1);

      c.resource(dbPod(2)).create();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(a(udp, "db-2.db." + NS + ".svc.cluster.local.", Type.A)).hasSize(1));
      c.services().inNamespace(NS).withName("web").delete();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(ask(udp, "web." + NS + ".svc.cluster.local.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN));
      assertThat(dns.metrics().responses(Rcode.NXDOMAIN)).isPositive();
    }
  }

  static Pod dbPod(int i) {
    return new PodBuilder().withNewMetadata().withName("db-" + i).withNamespace(NS).addToLabels("app", "db").endMetadata()
        .withNewSpec().withHostname("db-" + i).withSubdomain("db")
        .addNewContainer().withName("c").withImage("img:1").addNewPort().withName("pg").withContainerPort(5432).endPort().endContainer()
        .endSpec().build();
  }

  static List<String> podIps(KubernetesClient c) {
    return c.pods().inNamespace(NS).withLabel("app", "db").list().getItems().stream()
        .map(p -> p.getStatus() == null ? null : p.getStatus().getPodIP()).filter(ip -> ip != null && !ip.isEmpty()).toList();
  }

  static SimpleResolver resolver(boolean tcp) throws Exception {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", 53));
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(10));
    return r;
  }

  static Message ask(SimpleResolver r, String name, int type) throws Exception {
    return r.send(Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN)));
  }

  static List<String> a(SimpleResolver r, String name, int type) throws Exception {
    Message m = ask(r, name, type);
    return m.getSection(Section.ANSWER).stream().filter(x -> x.getType() == type).map(Record::rdataToString).toList();
  }
}
