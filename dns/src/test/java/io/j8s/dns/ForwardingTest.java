package io.j8s.dns;

import static io.j8s.dns.testing.FakeUpstream.a;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.dns.testing.FakeUpstream;
import io.j8s.dns.zone.ClusterSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Forwarding through real sockets, inside the test's network namespace (root): a fake upstream on
 * 127.0.0.2:53 serving example.test, a dead one at 127.0.0.3 listed first in the resolv.conf, and
 * the DNS on 127.0.0.1 (any port). Checks failover, the cache (hits, TTLs counted down, expiry,
 * negative answers), and a truncated upstream answer fetched again over TCP.
 */
@Tag("integration")
class ForwardingTest {
  @Test
  void forwardsCachesAndRetriesTruncatedAnswersOverTcp(@TempDir Path dir) throws Exception {
    Path resolv = dir.resolve("resolv.conf");
    Files.writeString(resolv, "nameserver 127.0.0.3\nnameserver 127.0.0.2\nsearch example.test\n");
    ClusterDnsConfig cfg = ClusterDnsConfig.of(new InetSocketAddress("127.0.0.1", 0), "10.43.0.10", resolv)
        .withMetrics(new InetSocketAddress("127.0.0.1", 0));
    try (FakeUpstream upstream = new FakeUpstream("127.0.0.2");
         ClusterDns dns = ClusterDns.serve(() -> ClusterSnapshot.EMPTY, null, cfg)) {
      SimpleResolver udp = new SimpleResolver(dns.udpAddress());
      udp.setTimeout(Duration.ofSeconds(10));
      SimpleResolver tcp = new SimpleResolver(dns.tcpAddress());
      tcp.setTCP(true);
      tcp.setTimeout(Duration.ofSeconds(10));

      Message www = udp.send(query("www.example.test.", Type.A));
      assertThat(www.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(a(www)).containsExactly("192.0.2.1");
      assertThat(www.getHeader().getFlag(Flags.AA)).isFalse();
      assertThat(www.getHeader().getFlag(Flags.RA)).isTrue();
      Message again = udp.send(query("WWW.example.test.", Type.A));
      assertThat(a(again)).containsExactly("192.0.2.1");
      assertThat(upstream.count("www", "udp")).as("second answer from the cache").isEqualTo(1);
      Thread.sleep(2100); // TTL 2
      assertThat(a(tcp.send(query("www.example.test.", Type.A)))).containsExactly("192.0.2.1");
      assertThat(upstream.count("www", "udp")).as("expired after its TTL").isEqualTo(2);

      Message nx = udp.send(query("missing.example.test.", Type.A));
      assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(nx.getSection(Section.AUTHORITY)).singleElement().extracting(Record::getType).isEqualTo(Type.SOA);
      assertThat(udp.send(query("missing.example.test.", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(upstream.count("missing", "udp")).as("negative answer cached").isEqualTo(1);
      assertThat(udp.send(query("www.example.test.", Type.AAAA)).getRcode()).isEqualTo(Rcode.NOERROR);

      Message big = tcp.send(query("big.example.test.", Type.A));
      assertThat(a(big)).hasSize(100);
      assertThat(upstream.count("big", "udp")).isEqualTo(1);
      assertThat(upstream.count("big", "tcp")).as("truncated over UDP, asked again over TCP").isEqualTo(1);
      SimpleResolver raw = new SimpleResolver(dns.udpAddress());
      raw.setIgnoreTruncation(true);
      Message truncated = raw.send(query("big.example.test.", Type.A));
      assertThat(truncated.getHeader().getFlag(Flags.TC)).as("100 A records do not fit 512 bytes").isTrue();
      assertThat(upstream.count("big", "tcp")).isEqualTo(1);

      assertThat(a(udp.send(query("web.default.svc.cluster.local.", Type.A)))).isEmpty();
      assertThat(udp.send(query("web.default.svc.cluster.local.", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);

      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + dns.metricsAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("coredns_cache_hits_total 3", "coredns_dns_responses_total{rcode=\"NXDOMAIN\"} 4");
    }
  }

  static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
  }

  static InetAddress addr(String ip) throws Exception { return InetAddress.getByName(ip); }
}
