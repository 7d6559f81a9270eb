package io.j8s.kubelet.containerd;

import io.j8s.base.queue.Backoff;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.CriTimeouts;
import io.j8s.kubelet.cri.v1.VersionResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the node's containerd as a child process: writes its configuration, starts it, waits until
 * it answers CRI, restarts it (with back-off, 0.5 s doubling to 30 s, reset after a minute of
 * running) whenever it exits, and stops it on {@link #close()} or JVM exit. Containers keep
 * running across a containerd restart: their shims are separate processes.
 */
public final class ContainerdSupervisor implements AutoCloseable {
  static final Backoff RESTART_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  static final Duration STABLE_RUN = Duration.ofMinutes(1);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ContainerdConfig config;
  private final Path binary;
  private final Consumer<String> progress;
  private final CriRuntime probe;
  private final AtomicInteger restarts = new AtomicInteger();
  private final Thread shutdownHook = new Thread(this::stopOnExit, "containerd-stop");
  private volatile Process process;
  private volatile boolean closing;
  private Thread monitor;

  private ContainerdSupervisor(ContainerdConfig config, Path binary, Consumer<String> progress) {
    this.config = config;
    this.binary = binary;
    this.progress = progress;
    this.probe = new CriRuntime(config.paths().socket(),
        new CriTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));
  }

  /** Writes the configuration, starts containerd and returns once CRI answers (or fails after {@code readyTimeout}). */
  public static ContainerdSupervisor start(ContainerdConfig config, Path binary, Duration readyTimeout, Consumer<String> progress) {
    ContainerdPaths paths = config.paths();
    paths.checkSocketPathLength();
    try {
      for (Path d : new Path[] {paths.root(), paths.state(), paths.opt(), paths.cniConfDir()}) Files.createDirectories(d);
      Files.writeString(paths.config(), config.render());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare containerd's directories under " + paths.base(), e);
    }
    ContainerdSupervisor s = new ContainerdSupervisor(config, binary, progress);
    Runtime.getRuntime().addShutdownHook(s.shutdownHook);
    try {
      s.launch();
      VersionResponse v = s.awaitReady(readyTimeout);
      progress.accept("containerd " + v.getRuntimeVersion() + " (pid " + s.pid() + ") answers CRI " + v.getRuntimeApiVersion()
          + " on " + paths.socket() + " (snapshotter " + config.snapshotter() + ", cgroup driver " + config.cgroupDriver() + ")");
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    s.monitor = Thread.ofVirtual().name("containerd-monitor").start(s::superviseLoop);
    return s;
  }

  public Path socket() { return config.paths().socket(); }

  public ContainerdConfig config() { return config; }

  /** The pid of the containerd now running (or last started). */
  public long pid() { return process.pid(); }

  /** How many times containerd was started again after it exited. */
  public int restarts() { return restarts.get(); }

  /** Waits until containerd answers CRI Version; fails with the log's tail if it exits first or the time runs out. */
  public VersionResponse awaitReady(Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextNote = start + TimeUnit.SECONDS.toNanos(2);
    CriException last = null;
    while (true) {
      Process p = process;
      try {
        return probe.version();
      } catch (CriException e) {
        last = e;
      }
      long now = System.nanoTime();
      if (p != null && !p.isAlive() && monitor == null) {
        throw new IllegalStateException("containerd exited with code " + p.exitValue() + " before answering CRI; "
            + config.paths().log() + " ends with:\n" + logTail());
      }
      if (now > deadline) {
        throw new IllegalStateException("containerd did not answer CRI on " + socket() + " within " + timeout.toSeconds()
            + " s (" + last.getMessage() + "); " + config.paths().log() + " ends with:\n" + logTail());
      }
      if (now > nextNote) {
        progress.accept("waiting for containerd to answer CRI on " + socket() + " ("
            + TimeUnit.NANOSECONDS.toSeconds(now - start) + " s so far)");
        nextNote = now + TimeUnit.SECONDS.toNanos(5);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  private void superviseLoop() {
    int failures = 0;
    while (!closing) {
      Process p = process;
      long startedAt = System.nanoTime();
      int code;
      try {
        code = p == null ? -1 : p.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (closing) return;
      boolean stable = System.nanoTime() - startedAt > STABLE_RUN.toNanos();
      failures = stable ? 0 : failures + 1;
      Duration delay = RESTART_BACKOFF.delay(failures - 1);
      progress.accept((p == null ? "containerd could not be started" : "containerd (pid " + p.pid() + ") exited with code " + code)
          + "; restarting it in " + delay.toMillis() + " ms (log: " + config.paths().log() + ")");
      if (!sleep(delay) || closing) return;
      try {
        launch();
        restarts.incrementAndGet();
        long t0 = System.nanoTime();
        awaitReady(Duration.ofSeconds(60));
        progress.accept("containerd restarted (pid " + process.pid() + "), answering CRI after "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
      } catch (RuntimeException e) {
        progress.accept("containerd restart failed: " + e.getMessage());
      }
    }
  }

  private synchronized void launch() {
    if (closing) return;
    ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--config", config.paths().config().toString());
    pb.environment().put("PATH", HostBinaries.path());
    pb.directory(config.paths().base().toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(Redirect.appendTo(config.paths().log().toFile()));
    pb.redirectInput(Redirect.from(new java.io.File("/dev/null")));
    try {
      process = pb.start();
    } catch (IOException e) {
      process = null;
      throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
    }
  }

  private void stopOnExit() {
    closing = true;
    stopProcess();
  }

  private synchronized void stopProcess() {
    Process p = process;
    if (p == null || !p.isAlive()) return;
    p.destroy(); // SIGTERM: containerd shuts down cleanly, containers (shims) stay
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Stops containerd (SIGTERM, SIGKILL after 10 s) and the supervision; running containers are left to their shims. */
  @Override
  public void close() {
    closing = true;
    if (monitor != null) monitor.interrupt();
    stopProcess();
    probe.close();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran
    }
  }

  private String logTail() {
    try {
      byte[] b = Files.readAllBytes(config.paths().log());
      int from = Math.max(0, b.length - 3000);
      return new String(b, from, b.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
