package io.j8s.hostnet.ipset;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.util.List;
import java.util.Map;

/**
 * {@link Ipset} through Debian's {@code ipset}: {@code ipset save} to read, {@code ipset restore}
 * to write (stops at the first failing line; the lines before it stay). An optional command prefix
 * ({@code ip netns exec NAME}) runs it in another namespace.
 */
public final class IpsetCommand implements Ipset {
  private final HostTool tool;

  public IpsetCommand() {
    this(List.of());
  }

  public IpsetCommand(List<String> prefix) {
    this.tool = new HostTool(new ProcessRunner(), prefix, "ipset");
  }

  @Override public Map<String, IpSet> list() throws HostnetException {
    return IpsetSave.parse(tool.run(List.of("ipset", "save"), null).stdout());
  }

  @Override public void restore(String script) throws HostnetException {
    if (script.isBlank()) return;
    tool.run(List.of("ipset", "restore"), script);
  }
}
