package io.j8s.hostnet.iptables;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Iptables} through Debian's {@code iptables}, {@code iptables-save} and
 * {@code iptables-restore} (IPv4), with {@code --wait} so concurrent writers queue on the
 * xtables lock instead of failing. An optional command prefix (e.g. {@code ip netns exec NAME})
 * runs them in another network namespace.
 */
public final class IptablesCommand implements Iptables {
  private final HostTool tool;
  /** Restores of 100,000+ rules take minutes on a loaded node with iptables-nft 1.8 (see BENCHMARKS.md). */
  private final HostTool restoreTool;

  /** In the current network namespace. */
  public IptablesCommand() { this(List.of()); }

  public IptablesCommand(List<String> prefix) {
    ProcessRunner runner = new ProcessRunner();
    this.tool = new HostTool(runner, prefix, "iptables");
    this.restoreTool = tool.with(runner.timeout(Duration.ofMinutes(10)));
  }

  @Override public String save(Table table) throws HostnetException {
    return tool.run(List.of("iptables-save", "-t", table.id()), null).stdout();
  }

  @Override public void restore(String payload, boolean noflush) throws HostnetException {
    List<String> cmd = new ArrayList<>(List.of("iptables-restore", "--wait"));
    if (noflush) cmd.add("--noflush");
    restoreTool.run(cmd, payload);
  }

  @Override public boolean ensureChain(Table table, String chain) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("iptables", "--wait", "-t", table.id(), "-N", chain), null);
    if (r.ok()) return true;
    if (r.exitCode() == 1 && r.stderr().contains("exists")) return false;
    throw HostTool.failure(r);
  }

  @Override public boolean ensureRule(Position position, Table table, String chain, List<String> args) throws HostnetException {
    if (exists(table, chain, args)) return false;
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait", "-t", table.id(), position == Position.APPEND ? "-A" : "-I", chain));
    cmd.addAll(args);
    tool.run(cmd, null);
    return true;
  }

  @Override public void deleteRule(Table table, String chain, List<String> args) throws HostnetException {
    if (!exists(table, chain, args)) return;
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait", "-t", table.id(), "-D", chain));
    cmd.addAll(args);
    tool.run(cmd, null);
  }

  private boolean exists(Table table, String chain, List<String> args) throws HostnetException {
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait", "-t", table.id(), "-C", chain));
    cmd.addAll(args);
    ProcessResult r = tool.attempt(cmd, null);
    if (r.ok()) return true;
    // -C exits 1 for "no such rule" and also when the chain does not exist; 2 means bad arguments
    if (r.exitCode() == 1) return false;
    throw HostTool.failure(r);
  }
}
