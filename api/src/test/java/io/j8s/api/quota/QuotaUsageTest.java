package io.j8s.api.quota;

import static io.j8s.api.quota.Fixtures.container;
import static io.j8s.api.quota.Fixtures.pod;
import static io.j8s.api.quota.Fixtures.quota;
import static io.j8s.api.quota.Fixtures.rl;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaUsageTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void resourcesNamedByQuotaKeys() {
    assertThat(QuotaUsage.resources(Set.of("pods", "requests.cpu", "count/deployments.apps", "secrets", "services.nodeports",
        "requests.storage", "count/pods", "bogus")))
        .containsExactlyInAnyOrder(new QuotaUsage.Resource("", "pods"), new QuotaUsage.Resource("apps", "deployments"),
            new QuotaUsage.Resource("", "secrets"), new QuotaUsage.Resource("", "services"), new QuotaUsage.Resource("", "persistentvolumeclaims"));
  }

  @Test
  void usedSumsObjectsInScopeAndSkipsTerminalPods() {
    Pod a = pod("a", container("c", "cpu=250m,memory=64Mi", "cpu=500m,memory=64Mi"));
    Pod b = pod("b", container("c", "cpu=250m,memory=64Mi", ""));
    Pod done = pod("d", container("c", "cpu=1", ""));
    done.getStatus().setPhase("Failed");
    ResourceQuota q = quota("q", "pods=10,requests.cpu=2,limits.cpu=2,requests.memory=1Gi,count/pods=10,configmaps=5,bogus=1", null);
    var cm = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
    Map<QuotaUsage.Resource, List<? extends HasMetadata>> objects = Map.of(new QuotaUsage.Resource("", "pods"), List.of(a, b, done),
        new QuotaUsage.Resource("", "configmaps"), List.of(cm));
    assertThat(QuotaUsage.used(q, r -> objects.getOrDefault(r, List.of()), NOW))
        .isEqualTo(rl("configmaps=1,count/pods=3,limits.cpu=500m,pods=2,requests.cpu=500m,requests.memory=128Mi"));
  }

  @Test
  void emptyNamespaceUsesZero() {
    ResourceQuota q = quota("q", "pods=10,requests.memory=1Gi", null);
    assertThat(QuotaUsage.used(q, r -> List.of(), NOW)).isEqualTo(rl("pods=0,requests.memory=0"));
    assertThat(QuotaUsage.used(q, r -> List.of(), NOW).get("pods").toString()).isEqualTo("0");
  }

  @Test
  void scopesSelectPods() {
    ResourceQuota q = quota("q", "pods=10", null);
    q.getSpec().setScopes(List.of("NotBestEffort"));
    Pod be = pod("a", container("c", "", ""));
    Pod burst = pod("b", container("c", "memory=1Mi", ""));
    assertThat(QuotaUsage.used(q, r -> List.of(be, burst), NOW)).isEqualTo(rl("pods=1"));
  }
}
