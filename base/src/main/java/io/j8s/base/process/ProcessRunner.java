package io.j8s.base.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with optional stdin, extra environment and a timeout. Immutable. */
public final class ProcessRunner {
  private final Duration timeout;
  private final Map<String, String> env;

  public ProcessRunner() { this(Duration.ofMinutes(2), Map.of()); }

  private ProcessRunner(Duration timeout, Map<String, String> env) {
    this.timeout = timeout;
    this.env = Map.copyOf(env);
  }

  public ProcessRunner timeout(Duration t) { return new ProcessRunner(t, env); }

  public ProcessRunner env(String key, String value) {
    Map<String, String> m = new HashMap<>(env);
    m.put(key, value);
    return new ProcessRunner(timeout, m);
  }

  public ProcessResult run(List<String> command) { return run(command, null); }

  public ProcessResult run(String... command) { return run(List.of(command), null); }

  /** Runs the command, writing {@code stdin} (if not null) to it; kills it after the timeout. */
  private static final java.util.concurrent.Executor PIPE_READERS = r -> Thread.ofVirtual().name("process-pipe").start(r);

  public ProcessResult run(List<String> command, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ProcessFailedException("cannot start `" + String.join(" ", command) + "`: " + e.getMessage(), e);
    }
    // Pipe readers block for as long as the command runs: they get their own virtual threads, never
    // the common pool, whose one or two threads (on 2 cores) every CompletableFuture in the JVM shares.
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), PIPE_READERS);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), PIPE_READERS);
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the command closed its stdin early; its exit code tells the rest
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ProcessFailedException("`" + String.join(" ", command) + "` did not finish within " + timeout.toSeconds() + " s");
      }
      return new ProcessResult(List.copyOf(command), p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProcessFailedException("interrupted while running `" + String.join(" ", command) + "`", e);
    }
  }

  private static String read(InputStream s) {
    try (s) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
