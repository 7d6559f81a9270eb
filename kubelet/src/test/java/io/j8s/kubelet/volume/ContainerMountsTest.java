package io.j8s.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.j8s.kubelet.cri.v1.Mount;
import io.j8s.kubelet.cri.v1.MountPropagation;
import io.j8s.kubelet.env.EnvVar;
import io.j8s.kubelet.env.MapLookup;
import io.j8s.kubelet.env.Pods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerMountsTest {
  @TempDir Path tmp;
  PodVolumes volumes;
  Path host;

  @BeforeEach
  void setUp() throws IOException {
    host = Files.createDirectory(tmp.resolve("host"));
    volumes = new PodVolumes(tmp.resolve("agent"), new MapLookup().configMap("ns1", "cfg", Map.of("app.conf", "x")),
        new FakeMounter(), TokenSource.UNAVAILABLE, Pods.ALLOCATABLE);
  }

  static VolumeMount vm(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }

  Pod pod(Container c) {
    return Pods.pod(c).editSpec().withVolumes(
        new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap().build(),
        new VolumeBuilder().withName("host").withNewHostPath(host.toString(), "Directory").build(),
        new VolumeBuilder().withName("broken").withNewConfigMap().withName("absent").endConfigMap().build()).endSpec().build();
  }

  ContainerMounts mounts(Container c, List<EnvVar> env) {
    Pod p = pod(c);
    return volumes.mounts(p, c, volumes.sync(p), env);
  }

  ContainerMounts mounts(VolumeMount... m) {
    return mounts(Pods.container("c").withVolumeMounts(m).build(), List.of());
  }

  @Test
  void mountsWithReadOnlyAttributesAndPropagation() {
    VolumeMount prop = new VolumeMountBuilder().withName("host").withMountPath("/h").withMountPropagation("HostToContainer").build();
    VolumeMount bidi = new VolumeMountBuilder().withName("host").withMountPath("/b").withMountPropagation("Bidirectional").withReadOnly(true).build();
    VolumeMount none = new VolumeMountBuilder().withName("data").withMountPath("rel").withMountPropagation("None").build();
    ContainerMounts m = mounts(vm("data", "/data"), vm("cfg", "/etc/app"), prop, bidi, none);
    Path data = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/data");
    assertThat(m).isEqualTo(new ContainerMounts.Ready(List.of(
        mount("/data", data, false, MountPropagation.PROPAGATION_PRIVATE),
        mount("/etc/app", tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~configmap/cfg"), true, MountPropagation.PROPAGATION_PRIVATE),
        mount("/h", host, false, MountPropagation.PROPAGATION_HOST_TO_CONTAINER),
        mount("/b", host, true, MountPropagation.PROPAGATION_BIDIRECTIONAL),
        mount("/rel", data, false, MountPropagation.PROPAGATION_PRIVATE))));
    assertThat(mounts()).isEqualTo(new ContainerMounts.Ready(List.of()));
  }

  static Mount mount(String c, Path h, boolean ro, MountPropagation p) {
    return Mount.newBuilder().setContainerPath(c).setHostPath(h.toString()).setReadonly(ro).setPropagation(p).build();
  }

  @Test
  void volumesNotReadyComeBeforeConfigErrors() {
    assertThat(mounts(vm("broken", "/x"), vm("ghost", "/y"))).isEqualTo(new ContainerMounts.VolumesNotReady(
        List.of("MountVolume.SetUp failed for volume \"broken\" : configmap \"absent\" not found")));
    assertThat(mounts(vm("ghost", "/y"))).isEqualTo(new ContainerMounts.ConfigError("cannot find volume \"ghost\" to mount into container \"c\""));
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withMountPropagation("Sideways").build()))
        .isEqualTo(new ContainerMounts.ConfigError("invalid MountPropagation mode: \"Sideways\""));
  }

  @Test
  void subPathsAreCreatedInsideTheVolume() throws IOException {
    ContainerMounts m = mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("a/b").build(),
        new VolumeMountBuilder().withName("cfg").withMountPath("/etc/app.conf").withSubPath("app.conf").build());
    Path data = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/data");
    assertThat(data.resolve("a/b")).isDirectory();
    assertThat(AtomicWriter.mode(data.resolve("a/b"))).isEqualTo(0777);
    var mounts = ((ContainerMounts.Ready) m).mounts();
    assertThat(mounts.get(0).getHostPath()).isEqualTo(data.resolve("a/b").toRealPath().toString());
    // a configMap key resolves to the file in the current data dir (which, as upstream, is not updated later)
    Path cfg = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~configmap/cfg");
    assertThat(mounts.get(1).getHostPath()).isEqualTo(cfg.resolve("..data/app.conf").toRealPath().toString());
    assertThat(mounts.get(1).getReadonly()).isTrue();
  }

  @Test
  void subPathsThatEscapeAreRefused() throws IOException {
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("/etc").build()))
        .isEqualTo(new ContainerMounts.ConfigError("error SubPath `/etc` must not be an absolute path"));
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("a/../../x").build()))
        .isEqualTo(new ContainerMounts.ConfigError("unable to provision SubPath `a/../../x`: must not contain '..'"));
    // a symlink the pod planted in its volume pointing outside
    mounts(vm("data", "/d"));
    Path data = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/data");
    Files.createSymbolicLink(data.resolve("escape"), tmp);
    Files.createSymbolicLink(data.resolve("escdir"), host);
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("escape").build()))
        .isEqualTo(new ContainerMounts.ConfigError("failed to prepare subPath for volumeMount \"data\" of container \"c\""));
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("escdir/new").build()))
        .isEqualTo(new ContainerMounts.ConfigError("failed to create subPath directory for volumeMount \"data\" of container \"c\""));
    assertThat(host.resolve("new")).doesNotExist();
    Files.writeString(data.resolve("file"), "x");
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("file/below").build()))
        .isEqualTo(new ContainerMounts.ConfigError("failed to create subPath directory for volumeMount \"data\" of container \"c\""));
    // a link that stays inside is fine
    Files.createSymbolicLink(data.resolve("inside"), Path.of("file"));
    assertThat(mounts(new VolumeMountBuilder().withName("data").withMountPath("/d").withSubPath("inside").build()))
        .isInstanceOf(ContainerMounts.Ready.class);
  }

  @Test
  void subPathExprExpandsTheContainersEnvironment() {
    Container c = Pods.container("c").withVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath("/logs")
        .withSubPathExpr("$(POD_NAME)/logs").build()).build();
    ContainerMounts m = mounts(c, List.of(new EnvVar("POD_NAME", "web")));
    assertThat(((ContainerMounts.Ready) m).mounts().get(0).getHostPath()).endsWith("kubernetes.io~empty-dir/data/web/logs");
    assertThat(mounts(c, List.of(new EnvVar("POD_NAME", "")))).isEqualTo(new ContainerMounts.ConfigError("missing value for POD_NAME"));
    Container two = Pods.container("c").withVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath("/logs")
        .withSubPathExpr("$(B)/$(A)").build()).build();
    assertThat(mounts(two, List.of())).isEqualTo(new ContainerMounts.ConfigError("missing value for A, B"));
    Container up = Pods.container("c").withVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath("/logs")
        .withSubPathExpr("$(X)").build()).build();
    assertThat(mounts(up, List.of(new EnvVar("X", "../..")))).isEqualTo(new ContainerMounts.ConfigError("unable to provision SubPath `../..`: must not contain '..'"));
  }
}
