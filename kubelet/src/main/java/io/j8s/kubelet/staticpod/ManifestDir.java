package io.j8s.kubelet.staticpod;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the static pod manifests of one directory every {@code period} and hands the whole set of
 * pods to a consumer (each time: the consumer compares). As upstream, dot-files and
 * sub-directories are skipped and a missing directory holds no pods. Unlike upstream, a file that
 * does not parse (say, half written) keeps the pods it had at its last good read rather than
 * stopping them; its error is logged once per change.
 */
public final class ManifestDir implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestDir.class);

  private final Path dir;
  private final String nodeName;
  private final Duration period;
  private final Consumer<List<Pod>> consumer;
  private final Map<Path, List<Pod>> lastGood = new HashMap<>();
  private final Map<Path, String> lastError = new HashMap<>();
  private volatile Thread thread;

  public ManifestDir(Path dir, String nodeName, Duration period, Consumer<List<Pod>> consumer) {
    this.dir = dir;
    this.nodeName = nodeName;
    this.period = period;
    this.consumer = consumer;
  }

  /** Reads the directory once now (so the first set is handed over before this returns), then polls on a thread. */
  public ManifestDir start() {
    consumer.accept(read());
    thread = Thread.ofVirtual().name("static-pod-manifests").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(period);
        } catch (InterruptedException e) {
          return;
        }
        try {
          consumer.accept(read());
        } catch (RuntimeException e) {
          LOG.warn("static pods from {}: {}", dir, e.toString());
        }
      }
    });
    return this;
  }

  /** The pods of every manifest in the directory now. */
  public synchronized List<Pod> read() {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).sorted().forEach(files::add);
      } catch (IOException e) {
        LOG.warn("listing static pod manifests in {}: {}", dir, e.toString());
        return lastGood.values().stream().flatMap(List::stream).toList();
      }
    }
    lastGood.keySet().retainAll(files);
    lastError.keySet().retainAll(files);
    List<Pod> pods = new ArrayList<>();
    for (Path f : files) {
      try {
        List<Pod> parsed = StaticPodManifests.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), nodeName);
        lastGood.put(f, parsed);
        lastError.remove(f);
      } catch (IOException | StaticPodManifests.ManifestException e) {
        if (!e.getMessage().equals(lastError.put(f, e.getMessage()))) LOG.warn("static pod manifest {}: {}", f, e.getMessage());
      }
      pods.addAll(lastGood.getOrDefault(f, List.of()));
    }
    return pods;
  }

  @Override
  public void close() {
    Thread t = thread;
    if (t != null) t.interrupt();
  }
}
