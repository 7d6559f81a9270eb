package io.j8s.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.j8s.kubelet.env.MapLookup;
import io.j8s.kubelet.env.Pods;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeApplierTest {
  @TempDir Path tmp;
  final MapLookup lookup = new MapLookup().configMap("ns1", "cfg", Map.of("k", "v1")).secret("ns1", "sec", Map.of("pw", "s"));
  final FakeMounter mounter = new FakeMounter();

  PodVolumes volumes() {
    return new PodVolumes(tmp.resolve("agent"), lookup, mounter, TokenSource.UNAVAILABLE, Pods.ALLOCATABLE);
  }

  static Pod pod(Volume... vs) {
    return Pods.pod(Pods.container("c").build()).editSpec().withVolumes(vs).endSpec().build();
  }

  @Test
  void emptyDirsConfigMapsAndSecretsAreSetUpOnceAndRefreshedInPlace() throws IOException {
    Pod p = pod(new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("16Mi")).endEmptyDir().build(),
        new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap().build(),
        new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec").endSecret().build());
    PodVolumes v = volumes();
    VolumeSetup s = v.sync(p);
    Path pd = tmp.resolve("agent/pods/uid-1/volumes");
    assertThat(s.allReady()).isTrue();
    assertThat(s.volumes()).containsEntry("scratch", new VolumeSetup.Ready(pd.resolve("kubernetes.io~empty-dir/scratch"), false, Optional.empty()))
        .containsEntry("cfg", new VolumeSetup.Ready(pd.resolve("kubernetes.io~configmap/cfg"), true, Optional.empty()))
        .containsEntry("sec", new VolumeSetup.Ready(pd.resolve("kubernetes.io~secret/sec"), true, Optional.empty()));
    assertThat(AtomicWriter.mode(pd.resolve("kubernetes.io~empty-dir/scratch"))).isEqualTo(0777);
    assertThat(mounter.calls).containsExactly("mount mem " + (16L << 20), "mount sec " + (8L << 30));
    assertThat(pd.resolve("kubernetes.io~configmap/cfg/k")).hasContent("v1");
    assertThat(pd.resolve("kubernetes.io~secret/sec/pw")).hasContent("s");

    String before = Files.readSymbolicLink(pd.resolve("kubernetes.io~configmap/cfg/..data")).toString();
    v.sync(p);
    assertThat(mounter.calls).hasSize(2); // already mounted: not again
    assertThat(Files.readSymbolicLink(pd.resolve("kubernetes.io~configmap/cfg/..data")).toString()).isEqualTo(before);

    lookup.configMap("ns1", "cfg", Map.of("k", "v2", "k2", "new"));
    v.sync(p);
    assertThat(pd.resolve("kubernetes.io~configmap/cfg/k")).hasContent("v2");
    assertThat(pd.resolve("kubernetes.io~configmap/cfg/k2")).hasContent("new");

    // the object goes away: the files stay, with a warning, as upstream
    lookup.remove("ns1", "cfg");
    VolumeSetup gone = v.sync(p);
    assertThat(gone.state("cfg")).get().isInstanceOfSatisfying(VolumeSetup.Ready.class,
        r -> assertThat(r.warning()).contains("MountVolume.SetUp failed for volume \"cfg\" : configmap \"cfg\" not found (keeping the last content)"));
    assertThat(pd.resolve("kubernetes.io~configmap/cfg/k")).hasContent("v2");

    v.tearDown("uid-1");
    assertThat(tmp.resolve("agent/pods/uid-1")).doesNotExist();
    assertThat(mounter.mounted).isEmpty();
    assertThat(mounter.calls).contains("umount mem", "umount sec");
    v.tearDown("uid-1"); // idempotent
  }

  @Test
  void aFailedVolumeBlocksOnlyItsContainersAndTmpfsRefusalIsAWarning() {
    mounter.refuse = true;
    Pod p = pod(new VolumeBuilder().withName("cfg").withNewConfigMap().withName("nope").endConfigMap().build(),
        new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec").endSecret().build(),
        new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").endEmptyDir().build());
    VolumeSetup s = volumes().sync(p);
    assertThat(s.failures()).containsExactly(
        "MountVolume.SetUp failed for volume \"cfg\" : configmap \"nope\" not found",
        "MountVolume.SetUp failed for volume \"mem\" : mount: only root can do that");
    assertThat(s.warnings()).containsExactly("volume \"sec\" is on disk, not tmpfs: mount: only root can do that");
    assertThat(s.allReady()).isFalse();
  }

  @Test
  void hostPathTypes() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("d"));
    Path file = Files.writeString(tmp.resolve("f"), "x");
    Path sock = tmp.resolve("s.sock");
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(sock));
      assertThat(HostPathCheck.check(sock, "Socket")).isNull();
      assertThat(HostPathCheck.check(sock, "File")).isEqualTo("hostPath type check failed: " + sock + " is not a file");
    }
    assertThat(HostPathCheck.check(dir, "Directory")).isNull();
    assertThat(HostPathCheck.check(dir, "")).isNull();
    assertThat(HostPathCheck.check(tmp.resolve("absent"), "")).isNull();
    assertThat(HostPathCheck.check(file, "Directory")).isEqualTo("hostPath type check failed: " + file + " is not a directory");
    assertThat(HostPathCheck.check(file, "File")).isNull();
    assertThat(HostPathCheck.check(dir, "File")).isEqualTo("hostPath type check failed: " + dir + " is not a file");
    assertThat(HostPathCheck.check(file, "Socket")).isEqualTo("hostPath type check failed: " + file + " is not a socket file");
    assertThat(HostPathCheck.check(Path.of("/dev/null"), "CharDevice")).isNull();
    assertThat(HostPathCheck.check(file, "CharDevice")).isEqualTo("hostPath type check failed: " + file + " is not a character device");
    assertThat(HostPathCheck.check(Path.of("/dev/null"), "BlockDevice")).isEqualTo("hostPath type check failed: /dev/null is not a block device");
    assertThat(HostPathCheck.check(file, "Weird")).isEqualTo("Weird is an invalid volume type");
    assertThat(HostPathCheck.check(tmp.resolve("missing"), "Directory")).isEqualTo("hostPath type check failed: " + tmp.resolve("missing") + " is not a directory");

    Path made = tmp.resolve("new/deep/dir");
    assertThat(HostPathCheck.check(made, "DirectoryOrCreate")).isNull();
    assertThat(made).isDirectory();
    assertThat(AtomicWriter.mode(made)).isEqualTo(0755);
    Path newFile = tmp.resolve("new/file");
    assertThat(HostPathCheck.check(newFile, "FileOrCreate")).isNull();
    assertThat(newFile).isRegularFile().isEmptyFile();
    assertThat(HostPathCheck.check(tmp.resolve("nodir/file"), "FileOrCreate")).startsWith("hostPath type check failed: ");
    assertThat(HostPathCheck.check(dir, "FileOrCreate")).isEqualTo("hostPath type check failed: " + dir + " is not a file");
    assertThat(HostPathCheck.check(file, "DirectoryOrCreate")).isEqualTo("hostPath type check failed: " + file + " is not a directory");
    // symlinks are followed, as os.Stat
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
    assertThat(HostPathCheck.check(link, "Directory")).isNull();

    VolumeSetup s = volumes().sync(pod(new VolumeBuilder().withName("h").withNewHostPath(file.toString(), "Directory").build()));
    assertThat(s.failures()).containsExactly("MountVolume.SetUp failed for volume \"h\" : hostPath type check failed: " + file + " is not a directory");
  }

  @Test
  void teardownNeverFollowsSymlinksOutOfThePodDir() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "precious");
    PodVolumes v = volumes();
    v.sync(pod(new VolumeBuilder().withName("e").withNewEmptyDir().endEmptyDir().build()));
    Path e = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/e");
    Files.createSymbolicLink(e.resolve("evil"), outside);
    v.tearDown("uid-1");
    assertThat(outside.resolve("keep")).hasContent("precious");
    assertThat(tmp.resolve("agent/pods/uid-1")).doesNotExist();
  }

  @Test
  void teardownStopsWhenAMountCannotBeRemoved() throws IOException {
    PodVolumes v = volumes();
    v.sync(pod(new VolumeBuilder().withName("m").withNewEmptyDir().withMedium("Memory").endEmptyDir().build()));
    Mounter stuck = new Mounter() {
      @Override public void mountTmpfs(Path dir, long sizeBytes) {}
      @Override public void unmount(Path dir) throws IOException { throw new IOException("target is busy"); }
      @Override public java.util.List<Path> mountsUnder(Path dir) { return mounter.mountsUnder(dir); }
    };
    PodVolumes busy = new PodVolumes(tmp.resolve("agent"), lookup, stuck, TokenSource.UNAVAILABLE, Pods.ALLOCATABLE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.tearDown("uid-1")).hasMessage("target is busy");
    assertThat(tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/m")).isDirectory();
  }

  @Test
  void diskEmptyDirOverItsLimitIsReported() throws IOException {
    Pod p = pod(new VolumeBuilder().withName("small").withNewEmptyDir().withSizeLimit(new Quantity("1Ki")).endEmptyDir().build(),
        new VolumeBuilder().withName("free").withNewEmptyDir().endEmptyDir().build());
    PodVolumes v = volumes();
    v.sync(p);
    Path small = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/small");
    Files.write(small.resolve("a"), new byte[1000]);
    assertThat(v.usage(p)).isEmpty();
    Files.createDirectories(small.resolve("sub"));
    Files.write(small.resolve("sub/b"), new byte[100]);
    Files.write(tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/free/big"), new byte[5000]);
    assertThat(v.usage(p)).containsExactly(new VolumeUsage.OverLimit("small", 1100, 1024, "Usage of EmptyDir volume \"small\" exceeds the limit \"1Ki\"."));
  }

  @Test
  void mountinfoParsing() {
    var lines = java.util.List.of(
        "36 35 98:0 /mnt1 /mnt/parent\\040dir rw,noatime master:1 - ext3 /dev/root rw,errors=continue",
        "37 36 0:5 / /proc rw - proc proc rw");
    assertThat(CommandMounter.parse(lines)).containsExactly(Path.of("/mnt/parent dir"), Path.of("/proc"));
  }
}
