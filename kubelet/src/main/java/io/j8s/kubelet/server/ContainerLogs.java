package io.j8s.kubelet.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.ContainerStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /containerLogs/{ns}/{pod}/{container}}: the container's CRI log file (found through
 * ListContainers and ContainerStatus.log_path), parsed, selected and written as plain text.
 * {@code previous} reads the attempt before the newest. {@code follow} polls the file for new
 * records; when the container has exited it moves on to the next attempt's file once the runtime
 * has one, and ends when the pod's restart policy will not start another.
 */
final class ContainerLogs {
  static final Duration POLL = Duration.ofMillis(100);
  static final Duration STATE_CHECK = Duration.ofSeconds(1);

  private final CriRuntime cri;
  private final ContainerLocator locator;
  private final Supplier<List<Pod>> pods;

  ContainerLogs(CriRuntime cri, ContainerLocator locator, Supplier<List<Pod>> pods) {
    this.cri = cri;
    this.locator = locator;
    this.pods = pods;
  }

  void serve(KubeletExchange ex, String ns, String pod, String container) throws InterruptedException, IOException {
    LogOptions o;
    try {
      o = LogOptions.parse(ex.params());
    } catch (IllegalArgumentException e) {
      Statuses.fail(ex, 400, e.getMessage());
      return;
    }
    List<Container> attempts = locator.attempts(ns, pod, null, container);
    if (attempts.isEmpty()) {
      Statuses.fail(ex, 400, "container \"" + container + "\" in pod \"" + pod + "\" is not available");
      return;
    }
    Container target;
    if (o.previous()) {
      if (attempts.size() < 2) {
        Statuses.fail(ex, 400, "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found");
        return;
      }
      target = attempts.get(attempts.size() - 2);
    } else {
      target = attempts.get(attempts.size() - 1);
      if (target.getState() == ContainerState.CONTAINER_CREATED) {
        Statuses.fail(ex, 400, "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start: ContainerCreating");
        return;
      }
    }
    Path file = Path.of(cri.containerStatus(target.getId()).getLogPath());
    LogSelection sel = new LogSelection(o, Instant.now());
    try (KubeletExchange.Stream out = ex.stream("text/plain")) {
      Tail tail = new Tail(file);
      try {
        tail.readAll(sel, out);
        out.write(sel.endOfBacklog());
        if (!o.follow() || o.previous()) return;
        follow(ns, pod, container, target, tail, sel, out);
      } finally {
        tail.close();
      }
    }
  }

  private void follow(String ns, String pod, String container, Container current, Tail tail, LogSelection sel,
      KubeletExchange.Stream out) throws InterruptedException, IOException {
    long nextCheck = System.nanoTime() + STATE_CHECK.toNanos();
    while (out.open() && !sel.full()) {
      if (tail.readAll(sel, out) > 0) continue;
      Thread.sleep(POLL.toMillis());
      if (System.nanoTime() < nextCheck) continue;
      nextCheck = System.nanoTime() + STATE_CHECK.toNanos();
      Optional<ContainerStatus> st = status(current.getId());
      if (st.isPresent() && st.get().getState() != ContainerState.CONTAINER_EXITED) continue;
      tail.readAll(sel, out);
      int attempt = current.getMetadata().getAttempt();
      Optional<Container> next = locator.attempts(ns, pod, current.getLabelsOrDefault(ContainerLocator.POD_UID, null), container)
          .stream().filter(c -> c.getMetadata().getAttempt() > attempt && c.getState() != ContainerState.CONTAINER_CREATED).findFirst();
      if (next.isPresent()) {
        current = next.get();
        tail.close();
        tail = new Tail(Path.of(cri.containerStatus(current.getId()).getLogPath()));
      } else if (!willRestart(ns, pod, st.map(ContainerStatus::getExitCode).orElse(0))) {
        return;
      }
    }
  }

  private Optional<ContainerStatus> status(String id) {
    try {
      return Optional.of(cri.containerStatus(id));
    } catch (CriException e) {
      if (e.notFound()) return Optional.empty();
      throw e;
    }
  }

  /** Whether the pod's restart policy starts the container again after this exit. */
  private boolean willRestart(String ns, String name, int exitCode) {
    Optional<Pod> pod = pods.get().stream().filter(p -> ns.equals(p.getMetadata().getNamespace()) && name.equals(p.getMetadata().getName()))
        .findFirst();
    if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null) return false;
    String policy = pod.get().getSpec() == null ? null : pod.get().getSpec().getRestartPolicy();
    if (policy == null || policy.equals("Always")) return true;
    return policy.equals("OnFailure") && exitCode != 0;
  }

  /** A log file read from where the last read stopped; absent files read as empty until they appear. */
  private static final class Tail implements AutoCloseable {
    private final Path path;
    private final CriLogParser parser = new CriLogParser();
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private FileChannel ch;
    private long position;

    Tail(Path path) { this.path = path; }

    /** Reads to the end of the file, writing what the selection passes; returns the bytes read. */
    long readAll(LogSelection sel, KubeletExchange.Stream out) throws IOException, InterruptedException {
      if (ch == null) {
        try {
          ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
          return 0;
        }
      }
      if (ch.size() < position) position = 0; // truncated: start again
      long total = 0;
      while (!sel.full()) {
        buf.clear();
        int n = ch.read(buf, position);
        if (n <= 0) break;
        position += n;
        total += n;
        List<byte[]> pieces = new java.util.ArrayList<>();
        for (CriLogParser.Line l : parser.feed(buf.array(), 0, n)) {
          pieces.addAll(sel.offer(l));
          if (sel.full()) break;
        }
        out.write(pieces);
      }
      return total;
    }

    @Override public void close() throws IOException {
      if (ch != null) ch.close();
    }
  }
}
