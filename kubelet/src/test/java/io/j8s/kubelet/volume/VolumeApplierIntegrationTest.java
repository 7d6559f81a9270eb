package io.j8s.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.env.MapLookup;
import io.j8s.kubelet.env.Pods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applier on a real directory as root: tmpfs mounts and unmounts, and the atomic swap under concurrent readers. */
@Tag("integration")
class VolumeApplierIntegrationTest {
  @TempDir Path tmp;
  final CommandMounter mounter = new CommandMounter(new ProcessRunner());
  final MapLookup lookup = new MapLookup().secret("ns1", "sec", Map.of("pw", "s3cr3t")).configMap("ns1", "cfg", Map.of("k", "v0"));
  PodVolumes volumes;

  @AfterEach
  void cleanUp() throws IOException {
    if (volumes != null) volumes.tearDown("uid-1");
    assertThat(mounter.mountsUnder(tmp)).isEmpty();
  }

  @Test
  void memoryEmptyDirAndSecretAreTmpfsSizedAndUnmountedAtTeardown() throws IOException {
    volumes = new PodVolumes(tmp.resolve("agent"), lookup, mounter, TokenSource.UNAVAILABLE, Map.of("memory", new Quantity("256Mi")));
    Pod p = Pods.pod(Pods.container("c").build()).editSpec().withVolumes(
        new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("8Mi")).endEmptyDir().build(),
        new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec").endSecret().build(),
        new VolumeBuilder().withName("disk").withNewEmptyDir().endEmptyDir().build()).endSpec().build();
    VolumeSetup s = volumes.sync(p);
    assertThat(s.allReady()).isTrue();
    assertThat(s.warnings()).isEmpty();
    Path mem = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~empty-dir/mem");
    Path sec = tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~secret/sec");
    assertThat(Files.getFileStore(mem).type()).isEqualTo("tmpfs");
    assertThat(Files.getFileStore(mem).getTotalSpace()).isEqualTo(8L << 20);
    assertThat(Files.getFileStore(sec).type()).isEqualTo("tmpfs");
    assertThat(Files.getFileStore(sec).getTotalSpace()).isEqualTo(256L << 20);
    assertThat(sec.resolve("pw")).hasContent("s3cr3t");
    assertThat(AtomicWriter.mode(mem)).isEqualTo(0777);
    assertThat(mounter.mountsUnder(tmp)).containsExactlyInAnyOrder(mem, sec);
    // the tmpfs refuses writes past its size
    Files.write(mem.resolve("fits"), new byte[4 << 20]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Files.write(mem.resolve("too-much"), new byte[8 << 20]))
        .isInstanceOf(IOException.class);
    // syncing again mounts nothing more
    volumes.sync(p);
    assertThat(mounter.mountsUnder(tmp)).hasSize(2);

    volumes.tearDown("uid-1");
    assertThat(mounter.mountsUnder(tmp)).isEmpty();
    assertThat(tmp.resolve("agent/pods/uid-1")).doesNotExist();
    volumes.tearDown("uid-1");
  }

  @Test
  void readersNeverSeeAHalfWrittenOrMissingFileDuring200Updates() throws Exception {
    volumes = new PodVolumes(tmp.resolve("agent"), lookup, mounter, TokenSource.UNAVAILABLE, Map.of("memory", new Quantity("256Mi")));
    Pod p = Pods.pod(Pods.container("c").build()).editSpec().withVolumes(
        new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap().build(),
        new VolumeBuilder().withName("all").withNewProjected().addNewSource().withNewConfigMap().withName("cfg").endConfigMap().endSource()
            .endProjected().build()).endSpec().build();
    lookup.configMap("ns1", "cfg", Map.of("k", content(0)));
    assertThat(volumes.sync(p).allReady()).isTrue();
    List<Path> files = List.of(tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~configmap/cfg/k"),
        tmp.resolve("agent/pods/uid-1/volumes/kubernetes.io~projected/all/k"));
    AtomicBoolean stop = new AtomicBoolean();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    Set<Integer> seen = Collections.synchronizedSet(new HashSet<>());
    AtomicLong reads = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (Path f : files) {
      for (int r = 0; r < 2; r++) {
        readers.add(Thread.ofPlatform().name("reader").start(() -> {
          while (!stop.get()) {
            try {
              String s = Files.readString(f);
              int version = check(s);
              if (version < 0) problems.add("torn read of " + s.length() + " chars");
              else seen.add(version);
              reads.incrementAndGet();
            } catch (NoSuchFileException e) {
              problems.add("missing: " + e.getMessage());
            } catch (IOException e) {
              problems.add(e.toString());
            }
          }
        }));
      }
    }
    long t0 = System.nanoTime();
    for (int i = 1; i <= 200; i++) {
      lookup.configMap("ns1", "cfg", Map.of("k", content(i)));
      VolumeSetup s = volumes.sync(p);
      assertThat(s.allReady()).isTrue();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    stop.set(true);
    for (Thread t : readers) t.join();
    System.out.printf("FIGURE 200 configMap+projected updates under 4 readers: %d ms (%.2f ms per sync), %d reads, %d versions seen%n",
        ms, ms / 200.0, reads.get(), seen.size());
    assertThat(problems).isEmpty();
    assertThat(reads.get()).isGreaterThan(200);
    assertThat(seen.size()).isGreaterThan(10);
    for (Path f : files) assertThat(check(Files.readString(f))).isEqualTo(200);
    // the replaced generations stay for AtomicWriter.RETIRED_KEPT; once they are older, a sync leaves only the current one
    for (Path f : files) {
      try (var s = Files.list(f.getParent())) {
        for (Path g : s.filter(x -> x.getFileName().toString().startsWith("..") && Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS)).toList()) {
          Files.setLastModifiedTime(g, FileTime.from(Files.getLastModifiedTime(g).toInstant().minus(AtomicWriter.RETIRED_KEPT.multipliedBy(2))));
        }
      }
    }
    assertThat(volumes.sync(p).allReady()).isTrue();
    for (Path f : files) {
      try (var s = Files.list(f.getParent())) {
        assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("..") && !n.equals("..data"))).as(f.toString()).hasSize(1);
      }
      assertThat(check(Files.readString(f))).isEqualTo(200);
    }
  }

  /** "<n>:" + 64 KiB of a letter depending on n + ":<n>": a torn read cannot pass {@link #check}. */
  static String content(int n) {
    return n + ":" + String.valueOf((char) ('a' + n % 26)).repeat(64 * 1024) + ":" + n;
  }

  static int check(String s) {
    int first = s.indexOf(':');
    int last = s.lastIndexOf(':');
    if (first < 0 || last <= first) return -1;
    int n = Integer.parseInt(s.substring(0, first));
    return s.equals(content(n)) && s.substring(last + 1).equals(String.valueOf(n)) ? n : -1;
  }
}
