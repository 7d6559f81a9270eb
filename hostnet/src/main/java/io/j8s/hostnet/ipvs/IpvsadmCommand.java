package io.j8s.hostnet.ipvs;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Ipvs} through Debian's ipvsadm: {@code ipvsadm-save -n} to read, {@code ipvsadm -R} (the
 * operations as lines on standard input; not {@code ipvsadm-restore}, which clears the table
 * first) to write. An optional command prefix ({@code ip netns exec NAME}) runs them in another
 * namespace. Needs a kernel with IPVS.
 */
public final class IpvsadmCommand implements Ipvs {
  private final List<String> prefix;
  private final ProcessRunner runner = new ProcessRunner();

  public IpvsadmCommand() {
    this(List.of());
  }

  public IpvsadmCommand(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  @Override public IpvsTable read() throws HostnetException {
    return IpvsSave.parse(run(List.of("ipvsadm-save", "-n"), null).stdout());
  }

  @Override public java.util.Map<String, Integer> connections() throws HostnetException {
    return IpvsList.connections(run(List.of("ipvsadm", "-L", "-n"), null).stdout());
  }

  @Override public void apply(List<IpvsOp> ops) throws HostnetException {
    if (ops.isEmpty()) return;
    StringBuilder b = new StringBuilder();
    for (IpvsOp op : ops) b.append(op.line()).append('\n');
    run(List.of("ipvsadm", "-R"), b.toString());
  }

  private ProcessResult run(List<String> command, String stdin) throws HostnetException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    ProcessResult r;
    try {
      r = runner.run(full, stdin);
    } catch (ProcessFailedException e) {
      throw new HostnetException(e.getMessage() + " (is the ipvsadm package installed?)", e);
    }
    if (!r.ok()) {
      throw new HostnetException("`" + String.join(" ", full) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
    }
    return r;
  }
}
