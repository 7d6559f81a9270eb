package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.time.Clock;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.proxy.state.ServiceRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The userspace mode on the real kernel, no Kubernetes, in a {@link UserspaceLab} (10.88.180.0/24,
 * service IPs 10.96.180.0/24, links j8sus*): the listeners run in this JVM, in this namespace,
 * reached through the rendered redirects from another host (the client namespace) and from the
 * node itself. Round-robin is exact here (one client, sequential connections), so counts are checked.
 */
@Tag("integration")
class UserspacePacketTest {
  static UserspaceLab lab;
  static UserspaceProxier proxier;

  @BeforeAll static void lab() throws Exception {
    lab = UserspaceLab.start();
    proxier = new UserspaceProxier(new IptablesCommand(), UserspaceConfig.of("node", List.of(UserspaceLab.NODE_IP))
        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5)), Clock.system());
    proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(), true);
  }

  @AfterAll static void teardown() throws Exception {
    try {
      if (proxier != null) {
        proxier.close();
        proxier.cleanup();
        String nat = new IptablesCommand().save(Table.NAT);
        assertThat(nat).doesNotContain("KUBE-PORTALS").doesNotContain("KUBE-NODEPORT-");
      }
    } finally {
      if (lab != null) lab.close();
    }
  }

  @Test void clusterIPRoundRobinsOverThreeBackendsFromAnotherHostAndTheNode() {
    assertThat(UserspaceLab.spread(lab.client, UserspaceLab.serviceIp(10), 80, 30)).containsExactlyInAnyOrderEntriesOf(
        Map.of("b1", 10, "b2", 10, "b3", 10));
    assertThat(UserspaceLab.spread(null, UserspaceLab.serviceIp(10), 80, 30)).containsExactlyInAnyOrderEntriesOf(
        Map.of("b1", 10, "b2", 10, "b3", 10));
  }

  @Test void nodePortFromAnotherHostFromTheNodeAndOnLocalhost() {
    assertThat(UserspaceLab.spread(lab.client, UserspaceLab.NODE_IP, UserspaceLab.WEB_NODE_PORT, 9)).as("from another host")
        .containsExactlyInAnyOrderEntriesOf(Map.of("b1", 3, "b2", 3, "b3", 3));
    assertThat(UserspaceLab.spread(null, UserspaceLab.NODE_IP, UserspaceLab.WEB_NODE_PORT, 6).keySet()).as("from the node")
        .containsExactlyInAnyOrder("b1", "b2", "b3");
    assertThat(UserspaceLab.spread(null, "127.0.0.1", UserspaceLab.WEB_NODE_PORT, 6).keySet()).as("on localhost")
        .containsExactlyInAnyOrder("b1", "b2", "b3");
  }

  @Test void clientIPAffinityPins() {
    Map<String, Integer> c = UserspaceLab.spread(lab.client, UserspaceLab.serviceIp(11), 80, 20);
    assertThat(c).hasSize(1);
    assertThat(c.keySet()).isSubsetOf("b1", "b2", "b3");
  }

  @Test void serviceWithoutEndpointsIsRefusedAtOnce() {
    for (String ns : new String[] {lab.client, null}) {
      long t0 = System.nanoTime();
      ProcessResult r = UserspaceLab.connect(ns, UserspaceLab.serviceIp(12), 80);
      assertThat(r.ok()).isFalse();
      assertThat(r.stderr()).containsIgnoringCase("refused");
      assertThat((System.nanoTime() - t0) / 1_000_000).as("refused quickly").isLessThan(3000);
    }
    ProcessResult np = UserspaceLab.connect(lab.client, UserspaceLab.NODE_IP, UserspaceLab.EMPTY_NODE_PORT);
    assertThat(np.ok()).isFalse();
    assertThat(np.stderr()).containsIgnoringCase("refused");
  }

  @Test void endpointsThatCannotBeReachedGetTheClientResetNotHung() {
    long errors = proxier.metrics().of(lab.dead).connectErrors();
    long t0 = System.nanoTime();
    ProcessResult r = UserspaceLab.connect(lab.client, UserspaceLab.serviceIp(13), 80);
    assertThat(r.stdout()).isBlank();
    assertThat((System.nanoTime() - t0) / 1_000_000).as("closed well before nc's own 5 s timeout").isLessThan(4000);
    assertThat(proxier.metrics().of(lab.dead).connectErrors()).isGreaterThan(errors);
    assertThat(proxier.metrics().of(lab.dead).rejectedCount()).isPositive();
  }

  @Test void removingAnEndpointStopsNewConnectionsToIt() throws Exception {
    try {
      proxier.sync(lab.state(List.of(0, 2)), Set.of(new ServiceRef("ns", "web")), false);
      assertThat(UserspaceLab.spread(lab.client, UserspaceLab.serviceIp(10), 80, 20)).containsExactlyInAnyOrderEntriesOf(
          Map.of("b1", 10, "b3", 10));
    } finally {
      proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(new ServiceRef("ns", "web")), false);
    }
    assertThat(UserspaceLab.spread(lab.client, UserspaceLab.serviceIp(10), 80, 30).keySet()).containsExactlyInAnyOrder("b1", "b2", "b3");
  }

  @Test void metricsCountConnectionsAndBytes() {
    UserspaceLab.spread(lab.client, UserspaceLab.serviceIp(10), 80, 3);
    String text = proxier.metricsText();
    assertThat(proxier.metrics().of(lab.web).connections()).isGreaterThanOrEqualTo(3);
    assertThat(proxier.metrics().of(lab.web).bytesOut()).isGreaterThanOrEqualTo(9); // "bN\n" each
    assertThat(text).contains("kubeproxy_userspace_connections_total{service=\"ns/web:http\",protocol=\"TCP\"}")
        .contains("kubeproxy_userspace_connect_latency_seconds_count{service=\"ns/web:http\",protocol=\"TCP\"}");
  }
}
