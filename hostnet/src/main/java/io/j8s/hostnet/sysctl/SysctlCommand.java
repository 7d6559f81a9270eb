package io.j8s.hostnet.sysctl;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;

/** {@link Sysctl} through procps's {@code sysctl}, with an optional command prefix ({@code ip netns exec NAME}). */
public final class SysctlCommand implements Sysctl {
  private final List<String> prefix;
  private final ProcessRunner runner = new ProcessRunner();

  public SysctlCommand() { this(List.of()); }

  public SysctlCommand(List<String> prefix) { this.prefix = List.copyOf(prefix); }

  @Override public String get(String key) throws HostnetException { return run(List.of("sysctl", "-n", key)).stdout().strip(); }

  @Override public void set(String key, String value) throws HostnetException { run(List.of("sysctl", "-q", "-w", key + "=" + value)); }

  private ProcessResult run(List<String> cmd) throws HostnetException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(cmd);
    ProcessResult r;
    try {
      r = runner.run(full, null);
    } catch (ProcessFailedException e) {
      throw new HostnetException(e.getMessage() + " (is the procps package installed?)", e);
    }
    if (!r.ok()) throw new HostnetException("`" + String.join(" ", full) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
    return r;
  }
}
