package io.j8s.hostnet.ipset;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Ipset} through Debian's {@code ipset}: {@code ipset save} to read, {@code ipset restore}
 * to write (stops at the first failing line; the lines before it stay). An optional command prefix
 * ({@code ip netns exec NAME}) runs it in another namespace.
 */
public final class IpsetCommand implements Ipset {
  private final List<String> prefix;
  private final ProcessRunner runner = new ProcessRunner();

  public IpsetCommand() {
    this(List.of());
  }

  public IpsetCommand(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  @Override public Map<String, IpSet> list() throws HostnetException {
    return IpsetSave.parse(run(List.of("ipset", "save"), null).stdout());
  }

  @Override public void restore(String script) throws HostnetException {
    if (script.isBlank()) return;
    run(List.of("ipset", "restore"), script);
  }

  private ProcessResult run(List<String> command, String stdin) throws HostnetException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    ProcessResult r;
    try {
      r = runner.run(full, stdin);
    } catch (ProcessFailedException e) {
      throw new HostnetException(e.getMessage() + " (is the ipset package installed?)", e);
    }
    if (!r.ok()) {
      throw new HostnetException("`" + String.join(" ", full) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
    }
    return r;
  }
}
