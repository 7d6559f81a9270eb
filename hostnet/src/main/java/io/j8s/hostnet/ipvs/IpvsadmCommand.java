package io.j8s.hostnet.ipvs;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.util.List;

/**
 * {@link Ipvs} through Debian's ipvsadm: {@code ipvsadm-save -n} to read, {@code ipvsadm -R} (the
 * operations as lines on standard input; not {@code ipvsadm-restore}, which clears the table
 * first) to write. An optional command prefix ({@code ip netns exec NAME}) runs them in another
 * namespace. Needs a kernel with IPVS.
 */
public final class IpvsadmCommand implements Ipvs {
  private final HostTool tool;

  public IpvsadmCommand() {
    this(List.of());
  }

  public IpvsadmCommand(List<String> prefix) {
    this.tool = new HostTool(new ProcessRunner(), prefix, "ipvsadm");
  }

  @Override public IpvsTable read() throws HostnetException {
    return IpvsSave.parse(tool.run(List.of("ipvsadm-save", "-n"), null).stdout());
  }

  @Override public java.util.Map<String, Integer> connections() throws HostnetException {
    return IpvsList.connections(tool.run(List.of("ipvsadm", "-L", "-n"), null).stdout());
  }

  @Override public void apply(List<IpvsOp> ops) throws HostnetException {
    if (ops.isEmpty()) return;
    StringBuilder b = new StringBuilder();
    for (IpvsOp op : ops) b.append(op.line()).append('\n');
    tool.run(List.of("ipvsadm", "-R"), b.toString());
  }
}
