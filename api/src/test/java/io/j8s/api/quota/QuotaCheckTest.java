package io.j8s.api.quota;

import static io.j8s.api.quota.Fixtures.container;
import static io.j8s.api.quota.Fixtures.pod;
import static io.j8s.api.quota.Fixtures.quota;
import static io.j8s.api.quota.Fixtures.rl;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaCheckTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Evaluator PODS = Evaluator.of("", "pods");

  static QuotaCheck.Result check(List<ResourceQuota> qs, Pod p) { return QuotaCheck.check(qs, PODS, p, null, NOW); }

  @Test
  void withinQuotaChargesTheTrackedResourcesOnly() {
    var r = check(List.of(quota("q", "pods=10,requests.cpu=1", "pods=2,requests.cpu=500m")), pod("p", container("c", "cpu=250m,memory=1Gi", "")));
    assertThat(r).isEqualTo(new QuotaCheck.Allowed(java.util.Map.of("q", rl("pods=3,requests.cpu=750m"))));
  }

  @Test
  void overQuotaNamesTheQuotaAndOnlyTheExceededResources() {
    var r = check(List.of(quota("compute", "pods=10,requests.cpu=1", "pods=4,requests.cpu=800m")), pod("p", container("c", "cpu=300m", "")));
    assertThat(r).isEqualTo(new QuotaCheck.Denied("exceeded quota: compute, requested: requests.cpu=300m, used: requests.cpu=800m, limited: requests.cpu=1"));
    var full = check(List.of(quota("q", "pods=2", "pods=2")), pod("p", container("c", "", "")));
    assertThat(full).isEqualTo(new QuotaCheck.Denied("exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"));
  }

  @Test
  void aComputeQuotaRequiresEveryContainerToSpecifyIt() {
    var r = check(List.of(quota("q", "limits.cpu=2,requests.memory=1Gi,pods=5", "limits.cpu=0,requests.memory=0,pods=0")),
        Fixtures.withInit(pod("p", container("a", "memory=1Mi", "cpu=1"), container("b", "", "")), container("i", "", "")));
    assertThat(r).isEqualTo(new QuotaCheck.Denied("failed quota: q: must specify limits.cpu for: b,i; requests.memory for: b,i"));
    // pods and ephemeral storage never require anything
    assertThat(check(List.of(quota("q", "pods=5,requests.ephemeral-storage=1Gi", "pods=0,requests.ephemeral-storage=0")), pod("p", container("a", "", ""))))
        .isInstanceOf(QuotaCheck.Allowed.class);
  }

  @Test
  void usageNotYetKnownIsReported() {
    assertThat(check(List.of(quota("q", "pods=5,requests.cpu=1", "pods=1")), pod("p", container("c", "cpu=1", ""))))
        .isEqualTo(new QuotaCheck.UsageUnknown(List.of("q")));
  }

  @Test
  void quotasOnOtherResourcesAndOtherScopesDoNotApply() {
    var cm = quota("cm", "configmaps=1", "configmaps=1");
    assertThat(check(List.of(cm), pod("p", container("c", "", "")))).isEqualTo(new QuotaCheck.Allowed(java.util.Map.of()));
    ResourceQuota be = quota("be", "pods=1", "pods=1");
    be.getSpec().setScopes(List.of("BestEffort"));
    assertThat(check(List.of(be), pod("p", container("c", "cpu=1", "")))).isEqualTo(new QuotaCheck.Allowed(java.util.Map.of()));
    assertThat(check(List.of(be), pod("p", container("c", "", "")))).isInstanceOf(QuotaCheck.Denied.class);
    ResourceQuota term = quota("t", "pods=1", "pods=1");
    term.getSpec().setScopes(List.of("Terminating"));
    Pod job = pod("p", container("c", "", ""));
    assertThat(check(List.of(term), job)).isInstanceOf(QuotaCheck.Allowed.class);
    job.getSpec().setActiveDeadlineSeconds(30L);
    assertThat(check(List.of(term), job)).isInstanceOf(QuotaCheck.Denied.class);
    // a scoped quota tracks pods only
    ResourceQuota scopedCount = quota("s", "count/configmaps=0", "count/configmaps=0");
    scopedCount.getSpec().setScopes(List.of("NotTerminating"));
    var c = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
    assertThat(QuotaCheck.check(List.of(scopedCount), Evaluator.of("", "configmaps"), c, null, NOW)).isEqualTo(new QuotaCheck.Allowed(java.util.Map.of()));
  }

  @Test
  void everyMatchingQuotaMustFit() {
    var r = check(List.of(quota("a", "pods=10", "pods=1"), quota("b", "pods=2", "pods=2")), pod("p", container("c", "", "")));
    assertThat(r).isEqualTo(new QuotaCheck.Denied("exceeded quota: b, requested: pods=1, used: pods=2, limited: pods=2"));
  }

  @Test
  void objectCountsUseCountNamesAndLegacyNames() {
    var c = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
    var r = QuotaCheck.check(List.of(quota("q", "configmaps=3,count/configmaps=2", "configmaps=1,count/configmaps=2")),
        Evaluator.of("", "configmaps"), c, null, NOW);
    assertThat(r).isEqualTo(new QuotaCheck.Denied("exceeded quota: q, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2"));
    var d = new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().build();
    assertThat(QuotaCheck.check(List.of(quota("q", "count/deployments.apps=1", "count/deployments.apps=0")), Evaluator.of("apps", "deployments"), d, null, NOW))
        .isEqualTo(new QuotaCheck.Allowed(java.util.Map.of("q", rl("count/deployments.apps=1"))));
  }

  static Service svc(String type, int ports) {
    var b = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().withType(type);
    for (int i = 0; i < ports; i++) b.addNewPort().withPort(80 + i).endPort();
    return b.endSpec().build();
  }

  @Test
  void servicesCountNodePortsAndLoadBalancersAlsoOnUpdate() {
    Evaluator ev = Evaluator.of("", "services");
    assertThat(ev.usage(svc("LoadBalancer", 2), NOW)).isEqualTo(rl("count/services=1,services=1,services.loadbalancers=1,services.nodeports=2"));
    assertThat(ev.usage(svc("ClusterIP", 2), NOW)).isEqualTo(rl("count/services=1,services=1,services.loadbalancers=0,services.nodeports=0"));
    var q = quota("q", "services.nodeports=2", "services.nodeports=1");
    // ClusterIP -> NodePort with two ports: two more node ports, only one left
    assertThat(QuotaCheck.check(List.of(q), ev, svc("NodePort", 2), svc("ClusterIP", 2), NOW))
        .isEqualTo(new QuotaCheck.Denied("exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2"));
    // an update that changes nothing the quota tracks charges nothing
    assertThat(QuotaCheck.check(List.of(q), ev, svc("NodePort", 1), svc("NodePort", 1), NOW)).isEqualTo(new QuotaCheck.Allowed(java.util.Map.of()));
  }

  @Test
  void terminalPodsAndPodsPastTheirGracePeriodUseOnlyTheirCount() {
    Pod done = pod("p", container("c", "cpu=1", ""));
    done.getStatus().setPhase("Succeeded");
    assertThat(PODS.usage(done, NOW)).isEqualTo(rl("count/pods=1"));
    Pod gone = pod("p", container("c", "cpu=1", ""));
    gone.getMetadata().setDeletionTimestamp("2025-12-31T23:59:00Z");
    gone.getMetadata().setDeletionGracePeriodSeconds(30L);
    assertThat(PODS.usage(gone, NOW)).isEqualTo(rl("count/pods=1"));
    gone.getMetadata().setDeletionGracePeriodSeconds(120L);
    assertThat(PODS.usage(gone, NOW)).containsKeys("pods", "requests.cpu");
  }
}
