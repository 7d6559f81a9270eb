package io.j8s.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeletAuthorizationTest {
  @Test
  void pathsAndMethodsMapToNodeSubresourcesAsUpstream() {
    assertThat(RequestAttributes.of("GET", "/stats/summary", "n")).isEqualTo(new RequestAttributes("get", "nodes", "stats", "n"));
    assertThat(RequestAttributes.of("GET", "/stats", "n").subresource()).isEqualTo("stats");
    assertThat(RequestAttributes.of("GET", "/metrics", "n").subresource()).isEqualTo("metrics");
    assertThat(RequestAttributes.of("GET", "/metrics/resource", "n").subresource()).isEqualTo("metrics");
    assertThat(RequestAttributes.of("GET", "/metricsfoo", "n").subresource()).isEqualTo("proxy");
    assertThat(RequestAttributes.of("GET", "/logs/syslog", "n").subresource()).isEqualTo("log");
    assertThat(RequestAttributes.of("GET", "/spec/", "n").subresource()).isEqualTo("spec");
    assertThat(RequestAttributes.of("POST", "/checkpoint/ns/p/c", "n")).isEqualTo(new RequestAttributes("create", "nodes", "checkpoint", "n"));
    assertThat(RequestAttributes.of("GET", "/containerLogs/ns/p/c", "n").subresource()).isEqualTo("proxy");
    assertThat(RequestAttributes.of("POST", "/exec/ns/p/c", "n")).isEqualTo(new RequestAttributes("create", "nodes", "proxy", "n"));
    assertThat(RequestAttributes.of("GET", "/pods", "n").verb()).isEqualTo("get");
    assertThat(RequestAttributes.of("HEAD", "/healthz", "n").verb()).isEqualTo("get");
    assertThat(RequestAttributes.of("DELETE", "/x", "n").verb()).isEqualTo("delete");
    assertThat(RequestAttributes.of("GET", "/metrics", "n").forbidden("alice"))
        .isEqualTo("Forbidden (user=alice, verb=get, resource=nodes, subresource=metrics)");
  }

  @Test
  void theClientCertificateGivesUserAndGroups() {
    assertThat(KubeletHandler.user("CN=kube-apiserver-kubelet-client,O=system:masters"))
        .isEqualTo(new KubeletAuthorizer.User("kube-apiserver-kubelet-client", List.of("system:masters")));
    assertThat(KubeletHandler.user("CN=alice,O=dev,O=ops")).isEqualTo(new KubeletAuthorizer.User("alice", List.of("dev", "ops")));
  }

  @Test
  void answersAreCachedFiveMinutesWhenAllowedAndThirtySecondsWhenDenied() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<String> asked = new ArrayList<>();
    boolean[] allow = {false};
    SubjectAccessReviews sar = new SubjectAccessReviews((u, a) -> {
      asked.add(u.name() + " " + a.subresource());
      return allow[0];
    }, clock);
    var alice = new KubeletAuthorizer.User("alice", List.of("dev"));
    var metrics = RequestAttributes.of("GET", "/metrics", "n");
    assertThat(sar.allowed(alice, metrics)).isFalse();
    allow[0] = true;
    clock.advance(Duration.ofSeconds(29));
    assertThat(sar.allowed(alice, metrics)).isFalse(); // the denial is remembered
    clock.advance(Duration.ofSeconds(2));
    assertThat(sar.allowed(alice, metrics)).isTrue();
    allow[0] = false;
    clock.advance(Duration.ofMinutes(4));
    assertThat(sar.allowed(alice, metrics)).isTrue();
    clock.advance(Duration.ofMinutes(2));
    assertThat(sar.allowed(alice, metrics)).isFalse();
    assertThat(asked).containsExactly("alice metrics", "alice metrics", "alice metrics");
    assertThat(sar.allowed(new KubeletAuthorizer.User("bob", List.of()), metrics)).isFalse();
    assertThat(asked).hasSize(4); // per user
  }

  @Test
  void anUnreachableApiDenies() {
    SubjectAccessReviews sar = new SubjectAccessReviews((u, a) -> { throw new IllegalStateException("connection refused"); },
        new ManualClock(Instant.EPOCH));
    assertThat(sar.allowed(new KubeletAuthorizer.User("alice", List.of()), RequestAttributes.of("GET", "/pods", "n"))).isFalse();
  }
}
