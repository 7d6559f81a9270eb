package io.j8s.hostnet.sysctl;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.util.List;

/** {@link Sysctl} through procps's {@code sysctl}, with an optional command prefix ({@code ip netns exec NAME}). */
public final class SysctlCommand implements Sysctl {
  private final HostTool tool;

  public SysctlCommand() { this(List.of()); }

  public SysctlCommand(List<String> prefix) { this.tool = new HostTool(new ProcessRunner(), prefix, "procps"); }

  @Override public String get(String key) throws HostnetException { return tool.run(List.of("sysctl", "-n", key), null).stdout().strip(); }

  @Override public void set(String key, String value) throws HostnetException { tool.run(List.of("sysctl", "-q", "-w", key + "=" + value), null); }
}
