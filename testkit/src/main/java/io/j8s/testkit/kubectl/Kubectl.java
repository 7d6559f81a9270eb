package io.j8s.testkit.kubectl;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real /usr/bin/kubectl with a given kubeconfig. */
public final class Kubectl {
  static final Path BINARY = Path.of("/usr/bin/kubectl");
  private final Path kubeconfig;
  private final ProcessRunner runner = new ProcessRunner().timeout(Duration.ofSeconds(60));

  public Kubectl(Path kubeconfig) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("kubectl not found at " + BINARY + ": install the apt package kubectl (./j8s test installs it)");
    }
    this.kubeconfig = kubeconfig;
  }

  /** Runs kubectl with these arguments. */
  public ProcessResult run(String... args) { return runner.run(argv(args), null); }

  /** Runs kubectl with these arguments, {@code stdin} fed to it (for {@code -f -}). */
  public ProcessResult runWithInput(String stdin, String... args) { return runner.run(argv(args), stdin); }

  /** Starts a long-running kubectl (logs -f, port-forward); the caller reads its output and destroys it. */
  public Process start(String... args) {
    try {
      return new ProcessBuilder(argv(args)).start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot start " + BINARY, e);
    }
  }

  /** Runs kubectl and returns stdout; a non-zero exit fails the test with everything kubectl said. */
  public String ok(String... args) { return check(run(args)); }

  /** As {@link #ok}, with stdin. */
  public String okWithInput(String stdin, String... args) { return check(runWithInput(stdin, args)); }

  private static String check(ProcessResult r) {
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", r.command()) + " exited with " + r.exitCode() + "\nstdout: " + r.stdout()
          + "\nstderr: " + r.stderr());
    }
    return r.stdout();
  }

  private List<String> argv(String... args) {
    List<String> a = new ArrayList<>();
    a.add(BINARY.toString());
    a.add("--kubeconfig=" + kubeconfig);
    a.addAll(List.of(args));
    return a;
  }
}
