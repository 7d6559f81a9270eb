package io.j8s.kubelet.pod;

import static io.j8s.kubelet.pod.TestPods.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.containerd.CgroupDriver;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.DNSConfig;
import io.j8s.kubelet.cri.v1.LinuxContainerResources;
import io.j8s.kubelet.cri.v1.NamespaceMode;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodConfigsTest {
  static final long GIB = 1L << 30;
  static final PodManagerConfig CFG = PodManagerConfig.defaults("n1", "192.168.1.5", Path.of("/a"), CgroupDriver.CGROUPFS);
  static final Dns.HostResolv HOST = Dns.HostResolv.parse("# x\nnameserver 1.1.1.1\nsearch corp.example\noptions edns0\n");

  static Pod withResources(Map<String, String> requests, Map<String, String> limits) {
    Pod p = pod("Always", List.of(), "a");
    Container c = p.getSpec().getContainers().get(0);
    c.setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
        .withRequests(quantities(requests)).withLimits(quantities(limits)).build());
    return p;
  }

  static Map<String, Quantity> quantities(Map<String, String> m) {
    Map<String, Quantity> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(k, new Quantity(v)));
    return out;
  }

  @Test
  void qosClassesAndOomScores() {
    Pod best = withResources(Map.of(), Map.of());
    Pod guaranteed = withResources(Map.of(), Map.of("cpu", "500m", "memory", "64Mi"));
    Pod burstable = withResources(Map.of("memory", "512Mi"), Map.of());
    Pod unequal = withResources(Map.of("cpu", "100m", "memory", "64Mi"), Map.of("cpu", "200m", "memory", "64Mi"));
    assertThat(Qos.podClass(best)).isEqualTo("BestEffort");
    assertThat(Qos.podClass(guaranteed)).isEqualTo("Guaranteed");
    assertThat(Qos.podClass(burstable)).isEqualTo("Burstable");
    assertThat(Qos.podClass(unequal)).isEqualTo("Burstable");
    assertThat(Qos.oomScoreAdj(best, best.getSpec().getContainers().get(0), 4 * GIB)).isEqualTo(1000);
    assertThat(Qos.oomScoreAdj(guaranteed, guaranteed.getSpec().getContainers().get(0), 4 * GIB)).isEqualTo(-997);
    assertThat(Qos.oomScoreAdj(burstable, burstable.getSpec().getContainers().get(0), 4 * GIB)).isEqualTo(875);
    assertThat(Qos.oomScoreAdj(burstable, burstable.getSpec().getContainers().get(0), 512L << 20)).isEqualTo(3);
    Pod tiny = withResources(Map.of("cpu", "10m"), Map.of());
    assertThat(Qos.oomScoreAdj(tiny, tiny.getSpec().getContainers().get(0), 4 * GIB)).isEqualTo(999);
  }

  @Test
  void cgroupParentsPerQosAndDriver() {
    assertThat(Qos.cgroupParent(CgroupDriver.CGROUPFS, "Burstable", "ab-cd")).isEqualTo("/kubepods/burstable/podab-cd");
    assertThat(Qos.cgroupParent(CgroupDriver.CGROUPFS, "Guaranteed", "ab-cd")).isEqualTo("/kubepods/podab-cd");
    assertThat(Qos.cgroupParent(CgroupDriver.SYSTEMD, "BestEffort", "ab-cd")).isEqualTo("kubepods-besteffort-podab_cd.slice");
    assertThat(Qos.cgroupParent(CgroupDriver.SYSTEMD, "Guaranteed", "ab-cd")).isEqualTo("kubepods-podab_cd.slice");
  }

  @Test
  void linuxResources() {
    Pod g = withResources(Map.of(), Map.of("cpu", "250m", "memory", "64Mi"));
    LinuxContainerResources r = Resources.of(g, g.getSpec().getContainers().get(0), 4 * GIB);
    assertThat(r.getCpuShares()).isEqualTo(256);
    assertThat(r.getCpuQuota()).isEqualTo(25_000);
    assertThat(r.getCpuPeriod()).isEqualTo(100_000);
    assertThat(r.getMemoryLimitInBytes()).isEqualTo(64L << 20);
    assertThat(r.getOomScoreAdj()).isEqualTo(-997);
    Pod b = withResources(Map.of(), Map.of());
    LinuxContainerResources none = Resources.of(b, b.getSpec().getContainers().get(0), 4 * GIB);
    assertThat(none.getCpuShares()).isEqualTo(2);
    assertThat(none.getCpuQuota()).isZero();
    assertThat(none.getMemoryLimitInBytes()).isZero();
    assertThat(Resources.quota(1)).isEqualTo(1000);
  }

  @Test
  void dnsPolicies() {
    Pod p = pod("Always", List.of(), "a");
    DNSConfig cluster = Dns.config(p, "10.43.0.10", "cluster.local", HOST);
    assertThat(cluster.getServersList()).containsExactly("10.43.0.10");
    assertThat(cluster.getSearchesList()).containsExactly("ns.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example");
    assertThat(cluster.getOptionsList()).containsExactly("ndots:5");
    Pod def = new PodBuilder(p).editSpec().withDnsPolicy("Default").endSpec().build();
    assertThat(Dns.config(def, "10.43.0.10", "cluster.local", HOST).getServersList()).containsExactly("1.1.1.1");
    Pod hostNet = new PodBuilder(p).editSpec().withHostNetwork(true).endSpec().build();
    assertThat(Dns.config(hostNet, "10.43.0.10", "cluster.local", HOST).getServersList()).containsExactly("1.1.1.1");
    Pod none = new PodBuilder(p).editSpec().withDnsPolicy("None").withNewDnsConfig().withNameservers("9.9.9.9")
        .withSearches("a.b").addNewOption().withName("ndots").withValue("2").endOption().addNewOption().withName("rotate").endOption()
        .endDnsConfig().endSpec().build();
    DNSConfig n = Dns.config(none, "10.43.0.10", "cluster.local", HOST);
    assertThat(n.getServersList()).containsExactly("9.9.9.9");
    assertThat(n.getSearchesList()).containsExactly("a.b");
    assertThat(n.getOptionsList()).containsExactly("ndots:2", "rotate");
    Pod merged = new PodBuilder(p).editSpec().withNewDnsConfig().withNameservers("10.43.0.10", "8.8.8.8")
        .addNewOption().withName("ndots").withValue("1").endOption().endDnsConfig().endSpec().build();
    DNSConfig m = Dns.config(merged, "10.43.0.10", "cluster.local", HOST);
    assertThat(m.getServersList()).containsExactly("10.43.0.10", "8.8.8.8");
    assertThat(m.getOptionsList()).containsExactly("ndots:1");
  }

  @Test
  void sandboxConfig() {
    Pod p = new PodBuilder(pod("Always", List.of(), "a")).editMetadata().addToLabels("app", "web").endMetadata()
        .editSpec().withHostname("h1").editFirstContainer().addNewPort().withContainerPort(80).withHostPort(8080).endPort()
        .addNewPort().withContainerPort(53).withProtocol("UDP").endPort().endContainer().endSpec().build();
    PodSandboxConfig s = SandboxConfigs.of(p, 2, CFG, HOST);
    assertThat(s.getHostname()).isEqualTo("h1");
    assertThat(s.getMetadata().getAttempt()).isEqualTo(2);
    assertThat(s.getMetadata().getUid()).isEqualTo(UID);
    assertThat(s.getLogDirectory()).isEqualTo("/a/logs/pods/ns_web_" + UID);
    assertThat(s.getLabelsMap()).containsEntry("app", "web").containsEntry(Labels.POD_UID, UID)
        .containsEntry(Labels.POD_NAME, "web").containsEntry(Labels.POD_NAMESPACE, "ns");
    assertThat(s.getPortMappingsList()).singleElement().satisfies(pm -> {
      assertThat(pm.getHostPort()).isEqualTo(8080);
      assertThat(pm.getContainerPort()).isEqualTo(80);
    });
    assertThat(s.getLinux().getCgroupParent()).isEqualTo("/kubepods/besteffort/pod" + UID);
    assertThat(s.getLinux().getSecurityContext().getNamespaceOptions().getNetwork()).isEqualTo(NamespaceMode.POD);
    Pod host = new PodBuilder(p).editSpec().withHostNetwork(true).endSpec().build();
    PodSandboxConfig hs = SandboxConfigs.of(host, 0, CFG, HOST);
    assertThat(hs.getLinux().getSecurityContext().getNamespaceOptions().getNetwork()).isEqualTo(NamespaceMode.NODE);
    assertThat(hs.getHostname()).isEmpty();
    assertThat(SandboxConfigs.hostname(pod("Always", List.of(), "a"), "cluster.local")).isEqualTo("web");
  }

  @Test
  void containerConfig() throws Exception {
    Container c = new ContainerBuilder().withName("a").withImage("j8s.local/busybox:1").withCommand("sh", "-c", "echo $(GREETING) $$(X)")
        .withArgs("$(MISSING)").withWorkingDir("/tmp").withTty(true)
        .addNewEnv().withName("GREETING").withValue("hi").endEnv()
        .addNewEnv().withName("TWICE").withValue("$(GREETING)$(GREETING)").endEnv()
        .addNewEnv().withName("FROM").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
        .withNewSecurityContext().withRunAsUser(1000L).withReadOnlyRootFilesystem(true).withNewCapabilities().withAdd("NET_ADMIN")
        .endCapabilities().endSecurityContext().build();
    Pod p = new PodBuilder(pod("Always", List.of(), "x")).editSpec().withContainers(c).withNewSecurityContext().withRunAsGroup(7L)
        .endSecurityContext().endSpec().build();
    var env = ContainerInputs.VALUES_ONLY.resolve(p, c, null);
    assertThat(env.env()).extracting(kv -> kv.getKey() + "=" + kv.getValue()).containsExactly("GREETING=hi", "TWICE=hihi");
    ContainerConfig cc = ContainerConfigs.of(p, c, false, 3, env, "/a/pods/u/containers/a/3", 4 * GIB);
    assertThat(cc.getCommandList()).containsExactly("sh", "-c", "echo hi $(X)");
    assertThat(cc.getArgsList()).containsExactly("$(MISSING)");
    assertThat(cc.getMetadata().getAttempt()).isEqualTo(3);
    assertThat(cc.getLogPath()).isEqualTo("a/3.log");
    assertThat(cc.getWorkingDir()).isEqualTo("/tmp");
    assertThat(cc.getTty()).isTrue();
    assertThat(cc.getLabelsMap()).containsEntry(Labels.CONTAINER_NAME, "a").containsEntry(Labels.POD_UID, UID);
    assertThat(cc.getAnnotationsMap()).containsEntry(Labels.RESTART_COUNT, "3").containsEntry(Labels.GRACE_PERIOD, "30")
        .containsEntry(Labels.CONTAINER_HASH, ContainerConfigs.hash(c));
    assertThat(cc.getMountsList()).singleElement().satisfies(m -> {
      assertThat(m.getContainerPath()).isEqualTo("/dev/termination-log");
      assertThat(m.getHostPath()).isEqualTo("/a/pods/u/containers/a/3");
    });
    var sc = cc.getLinux().getSecurityContext();
    assertThat(sc.getRunAsUser().getValue()).isEqualTo(1000);
    assertThat(sc.getRunAsGroup().getValue()).isEqualTo(7);
    assertThat(sc.getReadonlyRootfs()).isTrue();
    assertThat(sc.getCapabilities().getAddCapabilitiesList()).containsExactly("NET_ADMIN");
  }

  @Test
  void varExpansion() {
    Map<String, String> v = Map.of("A", "1", "B", "two");
    assertThat(VarExpansion.expand("$(A)-$(B)", v)).isEqualTo("1-two");
    assertThat(VarExpansion.expand("$$(A)", v)).isEqualTo("$(A)");
    assertThat(VarExpansion.expand("$(C)", v)).isEqualTo("$(C)");
    assertThat(VarExpansion.expand("$(A", v)).isEqualTo("$(A");
    assertThat(VarExpansion.expand("a$b$", v)).isEqualTo("a$b$");
    assertThat(VarExpansion.expand("$()", v)).isEqualTo("$()");
  }

  @Test
  void imagePullPolicy() {
    assertThat(ImagePolicy.policy(new ContainerBuilder().withImage("busybox").build())).isEqualTo("Always");
    assertThat(ImagePolicy.policy(new ContainerBuilder().withImage("busybox:latest").build())).isEqualTo("Always");
    assertThat(ImagePolicy.policy(new ContainerBuilder().withImage("localhost:5000/busybox").build())).isEqualTo("Always");
    assertThat(ImagePolicy.policy(new ContainerBuilder().withImage("j8s.local/busybox:1").build())).isEqualTo("IfNotPresent");
    assertThat(ImagePolicy.policy(new ContainerBuilder().withImage("b@sha256:00").build())).isEqualTo("IfNotPresent");
    assertThat(ImagePolicy.decide("Always", true)).isEqualTo(ImagePolicy.Decision.PULL);
    assertThat(ImagePolicy.decide("IfNotPresent", true)).isEqualTo(ImagePolicy.Decision.USE_PRESENT);
    assertThat(ImagePolicy.decide("IfNotPresent", false)).isEqualTo(ImagePolicy.Decision.PULL);
    assertThat(ImagePolicy.decide("Never", false)).isEqualTo(ImagePolicy.Decision.NEVER_PULL_MISSING);
  }

  @Test
  void crashBackoffAsUpstream() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    CrashBackoff b = new CrashBackoff(clock);
    Instant exit1 = clock.now();
    assertThat(b.remaining("k", exit1)).isZero(); // the first restart is immediate
    b.next("k", exit1);
    clock.advance(Duration.ofSeconds(3));
    Instant exit2 = clock.now();
    assertThat(b.remaining("k", exit2)).isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(b.remaining("k", exit2)).isZero();
    b.next("k", exit2);
    assertThat(b.current("k")).isEqualTo(Duration.ofSeconds(20));
    for (int i = 0; i < 10; i++) b.next("k", clock.now());
    assertThat(b.current("k")).isEqualTo(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(11)); // ran for more than 10 minutes: starts over
    assertThat(b.remaining("k", clock.now())).isZero();
    b.next("k", clock.now());
    assertThat(b.current("k")).isEqualTo(Duration.ofSeconds(10));
    assertThat(CrashBackoff.goDuration(Duration.ofSeconds(80))).isEqualTo("1m20s");
    assertThat(CrashBackoff.goDuration(Duration.ofMinutes(5))).isEqualTo("5m0s");
    assertThat(CrashBackoff.goDuration(Duration.ofSeconds(40))).isEqualTo("40s");
  }
}
