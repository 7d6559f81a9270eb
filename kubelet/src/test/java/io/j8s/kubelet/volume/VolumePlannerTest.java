package io.j8s.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.j8s.kubelet.env.MapLookup;
import io.j8s.kubelet.env.Pods;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumePlannerTest {
  static final Path AGENT = Path.of("/var/lib/j8s/agent");
  static final Path POD = AGENT.resolve("pods/uid-1");
  final MapLookup lookup = new MapLookup()
      .configMap("ns1", "cfg", Map.of("app.conf", "a=1", "other", "o"))
      .binaryConfigMap("ns1", "bin", Map.of("t", "text"), Map.of("b", new byte[] {0, 1, (byte) 255}))
      .secret("ns1", "sec", Map.of("password", "pw", "user", "u"))
      .configMap("ns1", "kube-root-ca.crt", Map.of("ca.crt", "CERT"));
  final VolumePlanner planner = new VolumePlanner(AGENT, lookup, TokenSource.UNAVAILABLE, Pods.ALLOCATABLE);

  static Pod pod(Volume... volumes) {
    return Pods.pod(Pods.container("c").build()).editSpec().withVolumes(volumes).endSpec().build();
  }

  PlannedVolume plan1(Volume v) {
    return planner.plan(pod(v)).volumes().get(0);
  }

  static KeyToPath item(String key, String path, Integer mode) {
    return new io.fabric8.kubernetes.api.model.KeyToPathBuilder().withKey(key).withPath(path).withMode(mode).build();
  }

  @Test
  void emptyDirOnDiskAndInMemorySizedAsUpstream() {
    VolumePlan plan = planner.plan(pod(new VolumeBuilder().withName("scratch").withNewEmptyDir().withSizeLimit(new Quantity("1Gi")).endEmptyDir().build(),
        new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").endEmptyDir().build(),
        new VolumeBuilder().withName("small").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("64Mi")).endEmptyDir().build(),
        new VolumeBuilder().withName("huge").withNewEmptyDir().withMedium("HugePages").endEmptyDir().build()));
    assertThat(plan.podDir()).isEqualTo(POD);
    assertThat(plan.volumes()).containsExactly(
        new PlannedVolume.EmptyDir("scratch", POD.resolve("volumes/kubernetes.io~empty-dir/scratch"), false, 0, 1L << 30, "1Gi"),
        new PlannedVolume.EmptyDir("mem", POD.resolve("volumes/kubernetes.io~empty-dir/mem"), true, 8L << 30, 0, ""),
        new PlannedVolume.EmptyDir("small", POD.resolve("volumes/kubernetes.io~empty-dir/small"), true, 64L << 20, 64L << 20, "64Mi"),
        new PlannedVolume.Unavailable("huge", null, "emptyDir medium HugePages is not supported by j8s"));
  }

  @Test
  void tmpfsSizeIsThePodsMemoryLimitWhenEveryContainerHasOne() {
    Container a = Pods.container("a").withNewResources().withLimits(Map.of("memory", new Quantity("100Mi"))).endResources().build();
    Container b = Pods.container("b").withNewResources().withLimits(Map.of("memory", new Quantity("28Mi"))).endResources().build();
    Container init = Pods.container("i").withNewResources().withLimits(Map.of("memory", new Quantity("200Mi"))).endResources().build();
    Volume mem = new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").endEmptyDir().build();
    Pod p = Pods.pod(a, b).editSpec().withVolumes(mem).endSpec().build();
    assertThat(((PlannedVolume.EmptyDir) planner.plan(p).volumes().get(0)).tmpfsSizeBytes()).isEqualTo(128L << 20);
    Pod withInit = Pods.pod(a, b).editSpec().withInitContainers(init).withVolumes(mem).endSpec().build();
    assertThat(((PlannedVolume.EmptyDir) planner.plan(withInit).volumes().get(0)).tmpfsSizeBytes()).isEqualTo(200L << 20);
    Pod oneUnlimited = Pods.pod(a, Pods.container("x").build()).editSpec().withVolumes(mem).endSpec().build();
    assertThat(((PlannedVolume.EmptyDir) planner.plan(oneUnlimited).volumes().get(0)).tmpfsSizeBytes()).isEqualTo(8L << 30);
    // a sizeLimit above what the pod may use does not raise it
    Volume big = new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("1Gi")).endEmptyDir().build();
    assertThat(((PlannedVolume.EmptyDir) planner.plan(Pods.pod(a, b).editSpec().withVolumes(big).endSpec().build()).volumes().get(0))
        .tmpfsSizeBytes()).isEqualTo(128L << 20);
    var noNode = new VolumePlanner(AGENT, lookup, TokenSource.UNAVAILABLE, Map.of());
    assertThat(((PlannedVolume.EmptyDir) noNode.plan(pod(mem)).volumes().get(0)).tmpfsSizeBytes()).isZero();
  }

  @Test
  void hostPathKeepsTypeAndPath() {
    assertThat(plan1(new VolumeBuilder().withName("h").withNewHostPath("/var/log", "DirectoryOrCreate").build()))
        .isEqualTo(new PlannedVolume.HostPath("h", Path.of("/var/log"), "DirectoryOrCreate"));
    assertThat(plan1(new VolumeBuilder().withName("h").withNewHostPath().withPath("/x").endHostPath().build()))
        .isEqualTo(new PlannedVolume.HostPath("h", Path.of("/x"), ""));
  }

  @Test
  void configMapAllKeysWithDefaultModeOrItemsWithPathsAndModes() {
    var all = (PlannedVolume.Files) plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").endConfigMap().build());
    assertThat(all.dir()).isEqualTo(POD.resolve("volumes/kubernetes.io~configmap/c"));
    assertThat(all.tmpfs()).isFalse();
    assertThat(all.payload()).containsExactly(Map.entry("app.conf", FileProjection.text("a=1", 0644)), Map.entry("other", FileProjection.text("o", 0644)));
    var items = (PlannedVolume.Files) plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").withDefaultMode(0600)
        .withItems(item("app.conf", "conf/app.conf", null), item("other", "./x//y", 0400)).endConfigMap().build());
    assertThat(items.payload()).containsExactly(Map.entry("conf/app.conf", FileProjection.text("a=1", 0600)), Map.entry("x/y", FileProjection.text("o", 0400)));
    var bin = (PlannedVolume.Files) plan1(new VolumeBuilder().withName("b").withNewConfigMap().withName("bin").endConfigMap().build());
    assertThat(bin.payload().get("b")).isEqualTo(new FileProjection(new byte[] {0, 1, (byte) 255}, 0644));
    assertThat(bin.texts()).containsEntry("t", "text");
  }

  @Test
  void configMapErrorsAndOptional() {
    assertThat(plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("nope").endConfigMap().build()))
        .isEqualTo(new PlannedVolume.Unavailable("c", POD.resolve("volumes/kubernetes.io~configmap/c"), "configmap \"nope\" not found"));
    var opt = (PlannedVolume.Files) plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("nope").withOptional(true).endConfigMap().build());
    assertThat(opt.payload()).isEmpty();
    assertThat(plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").withItems(item("missing", "m", null)).endConfigMap().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("configmap references non-existent config key: missing");
    var optItems = (PlannedVolume.Files) plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").withOptional(true)
        .withItems(item("missing", "m", null), item("other", "o", null)).endConfigMap().build());
    assertThat(optItems.payload()).containsOnlyKeys("o");
    assertThat(plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").withItems(item("other", "../escape", null)).endConfigMap().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("invalid path: must not contain '..': ../escape");
    assertThat(plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").withItems(item("other", "..hidden", null)).endConfigMap().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("invalid path: must not start with '..': ..hidden");
    assertThat(plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").withItems(item("other", "/abs", null)).endConfigMap().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("invalid path: must be relative path: /abs");
    lookup.failWith = "cannot read configmap/ns1/cfg: forbidden";
    assertThat(plan1(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").endConfigMap().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("cannot read configmap/ns1/cfg: forbidden");
  }

  @Test
  void secretIsOnTmpfsWithDecodedData() {
    var s = (PlannedVolume.Files) plan1(new VolumeBuilder().withName("s").withNewSecret().withSecretName("sec").endSecret().build());
    assertThat(s.plugin()).isEqualTo(VolumePlugin.SECRET);
    assertThat(s.dir()).isEqualTo(POD.resolve("volumes/kubernetes.io~secret/s"));
    assertThat(s.tmpfs()).isTrue();
    assertThat(s.tmpfsSizeBytes()).isEqualTo(8L << 30);
    assertThat(s.payload()).containsExactly(Map.entry("password", FileProjection.text("pw", 0644)), Map.entry("user", FileProjection.text("u", 0644)));
    assertThat(plan1(new VolumeBuilder().withName("s").withNewSecret().withSecretName("gone").endSecret().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("secret \"gone\" not found");
    assertThat(plan1(new VolumeBuilder().withName("s").withNewSecret().withSecretName("sec").withItems(item("k", "k", null)).endSecret().build()))
        .extracting(v -> ((PlannedVolume.Unavailable) v).message()).isEqualTo("secret references non-existent secret key: k");
  }

  @Test
  void downwardApiItems() {
    Container c = Pods.container("c").withNewResources().withLimits(Map.of("memory", new Quantity("64Mi"))).endResources().build();
    Volume v = new VolumeBuilder().withName("info").withNewDownwardAPI().withDefaultMode(0444)
        .addNewItem().withPath("labels").withNewFieldRef(null, "metadata.labels").endItem()
        .addNewItem().withPath("sub/name").withMode(0400).withNewFieldRef(null, "metadata.name").endItem()
        .addNewItem().withPath("app").withNewFieldRef(null, "metadata.labels['app']").endItem()
        .addNewItem().withPath("mem").withResourceFieldRef(new io.fabric8.kubernetes.api.model.ResourceFieldSelector("c", new Quantity("1Mi"), "limits.memory")).endItem()
        .addNewItem().withPath("cpu").withResourceFieldRef(new io.fabric8.kubernetes.api.model.ResourceFieldSelector("c", new Quantity("1m"), "limits.cpu")).endItem()
        .endDownwardAPI().build();
    Pod p = Pods.pod(c).editSpec().withVolumes(v).endSpec().build();
    var f = (PlannedVolume.Files) planner.plan(p).volumes().get(0);
    assertThat(f.dir()).isEqualTo(POD.resolve("volumes/kubernetes.io~downward-api/info"));
    assertThat(f.tmpfs()).isFalse();
    assertThat(f.texts()).containsExactly(Map.entry("app", "web"), Map.entry("cpu", "4000"), Map.entry("labels", "app=\"web\"\ntier=\"front\""),
        Map.entry("mem", "64"), Map.entry("sub/name", "web"));
    assertThat(f.payload().get("sub/name").mode()).isEqualTo(0400);
    assertThat(f.payload().get("labels").mode()).isEqualTo(0444);

    Volume bad = new VolumeBuilder().withName("info").withNewDownwardAPI()
        .addNewItem().withPath("a").withNewFieldRef(null, "spec.nodeName").endItem()
        .addNewItem().withPath("b").withResourceFieldRef(new io.fabric8.kubernetes.api.model.ResourceFieldSelector("ghost", null, "limits.cpu")).endItem().endDownwardAPI().build();
    assertThat(planner.plan(Pods.pod(c).editSpec().withVolumes(bad).endSpec().build()).volumes().get(0))
        .extracting(x -> ((PlannedVolume.Unavailable) x).message()).isEqualTo("[unsupported fieldPath: spec.nodeName, container ghost not found]");
  }

  @Test
  void projectedMergesSourcesOnTmpfs() {
    Volume v = new VolumeBuilder().withName("all").withNewProjected().withDefaultMode(0440)
        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").withItems(item("ca.crt", "ca.crt", null)).endConfigMap().endSource()
        .addNewSource().withNewSecret().withName("sec").withItems(item("password", "creds/pw", 0400)).endSecret().endSource()
        .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef("v1", "metadata.namespace").endItem().endDownwardAPI().endSource()
        .addNewSource().withNewConfigMap().withName("absent").withOptional(true).endConfigMap().endSource()
        .endProjected().build();
    var f = (PlannedVolume.Files) plan1(v);
    assertThat(f.plugin()).isEqualTo(VolumePlugin.PROJECTED);
    assertThat(f.dir()).isEqualTo(POD.resolve("volumes/kubernetes.io~projected/all"));
    assertThat(f.tmpfs()).isTrue();
    assertThat(f.texts()).containsExactly(Map.entry("ca.crt", "CERT"), Map.entry("creds/pw", "pw"), Map.entry("namespace", "ns1"));
    assertThat(f.payload().get("ca.crt").mode()).isEqualTo(0440);
    assertThat(f.payload().get("creds/pw").mode()).isEqualTo(0400);
  }

  @Test
  void projectedErrorsAggregateAndTheTokenGapIsExplicit() {
    Volume v = new VolumeBuilder().withName("api").withNewProjected()
        .addNewSource().withNewServiceAccountToken().withAudience("").withExpirationSeconds(3607L).withPath("token").endServiceAccountToken().endSource()
        .addNewSource().withNewConfigMap().withName("missing").endConfigMap().endSource()
        .endProjected().build();
    var u = (PlannedVolume.Unavailable) plan1(v);
    assertThat(u.dir()).isEqualTo(POD.resolve("volumes/kubernetes.io~projected/api"));
    assertThat(u.message()).isEqualTo("[cannot project a serviceAccountToken for service account \"sa\": no TokenRequest API is"
        + " available to this agent, configmap \"missing\" not found]");
    // with a token source (the agent's is TokenRequestSource), the token is a file like the others
    var withTokens = new VolumePlanner(AGENT, lookup, (pod, aud, secs) -> "tok-" + pod.getSpec().getServiceAccountName() + "-" + aud + "-" + secs, Pods.ALLOCATABLE);
    Volume ok = new VolumeBuilder().withName("api").withNewProjected()
        .addNewSource().withNewServiceAccountToken().withAudience("vault").withExpirationSeconds(600L).withPath("token").endServiceAccountToken().endSource().endProjected().build();
    var f = (PlannedVolume.Files) withTokens.plan(pod(ok)).volumes().get(0);
    assertThat(new String(f.payload().get("token").data(), StandardCharsets.UTF_8)).isEqualTo("tok-sa-vault-600");
  }

  @Test
  void unsupportedTypesAndOrder() {
    VolumePlan plan = planner.plan(pod(new VolumeBuilder().withName("pvc").withNewPersistentVolumeClaim("claim", false).build(),
        new VolumeBuilder().withName("e").withNewEmptyDir().endEmptyDir().build()));
    assertThat(plan.volumes()).extracting(PlannedVolume::name).containsExactly("pvc", "e");
    assertThat(plan.volume("pvc")).contains(new PlannedVolume.Unavailable("pvc", null, "volume \"pvc\": this volume type is not supported by j8s"));
    assertThat(planner.plan(Pods.simple(Pods.container("c").build())).volumes()).isEmpty();
  }

  @Test
  void samePodSameObjectsSamePlan() {
    Pod p = pod(new VolumeBuilder().withName("c").withNewConfigMap().withName("cfg").endConfigMap().build(),
        new VolumeBuilder().withName("s").withNewSecret().withSecretName("sec").endSecret().build());
    assertThat(planner.plan(p)).isEqualTo(planner.plan(p));
    lookup.configMap("ns1", "cfg", Map.of("app.conf", "a=2"));
    assertThat(planner.plan(p)).isNotEqualTo(planner.plan(pod()));
  }

  @Test
  void podUidMustBeAPathSegment() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VolumePlanner.podDir(AGENT, "../x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(VolumePlugin.values())).extracting(VolumePlugin::dirName).contains("kubernetes.io~empty-dir",
        "kubernetes.io~configmap", "kubernetes.io~secret", "kubernetes.io~projected", "kubernetes.io~downward-api");
  }
}
