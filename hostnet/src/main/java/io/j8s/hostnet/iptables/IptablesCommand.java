package io.j8s.hostnet.iptables;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
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
  private final List<String> prefix;
  private final ProcessRunner runner;
  /** Restores of 100,000+ rules take minutes on a loaded node with iptables-nft 1.8 (see BENCHMARKS.md). */
  private final ProcessRunner restoreRunner;

  /** In the current network namespace. */
  public IptablesCommand() { this(List.of()); }

  public IptablesCommand(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
    this.runner = new ProcessRunner();
    this.restoreRunner = runner.timeout(Duration.ofMinutes(10));
  }

  @Override public String save(Table table) throws HostnetException {
    return run(List.of("iptables-save", "-t", table.id()), null).stdout();
  }

  @Override public void restore(String payload, boolean noflush) throws HostnetException {
    List<String> cmd = new ArrayList<>(List.of("iptables-restore", "--wait"));
    if (noflush) cmd.add("--noflush");
    ProcessResult r = attempt(restoreRunner, cmd, payload);
    if (!r.ok()) throw failure(r);
  }

  @Override public boolean ensureChain(Table table, String chain) throws HostnetException {
    ProcessResult r = attempt(List.of("iptables", "--wait", "-t", table.id(), "-N", chain), null);
    if (r.ok()) return true;
    if (r.exitCode() == 1 && r.stderr().contains("exists")) return false;
    throw failure(r);
  }

  @Override public boolean ensureRule(Position position, Table table, String chain, List<String> args) throws HostnetException {
    if (exists(table, chain, args)) return false;
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait", "-t", table.id(), position == Position.APPEND ? "-A" : "-I", chain));
    cmd.addAll(args);
    run(cmd, null);
    return true;
  }

  @Override public void deleteRule(Table table, String chain, List<String> args) throws HostnetException {
    if (!exists(table, chain, args)) return;
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait", "-t", table.id(), "-D", chain));
    cmd.addAll(args);
    run(cmd, null);
  }

  private boolean exists(Table table, String chain, List<String> args) throws HostnetException {
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait", "-t", table.id(), "-C", chain));
    cmd.addAll(args);
    ProcessResult r = attempt(cmd, null);
    if (r.ok()) return true;
    // -C exits 1 for "no such rule" and also when the chain does not exist; 2 means bad arguments
    if (r.exitCode() == 1) return false;
    throw failure(r);
  }

  private ProcessResult run(List<String> command, String stdin) throws HostnetException {
    ProcessResult r = attempt(command, stdin);
    if (!r.ok()) throw failure(r);
    return r;
  }

  private ProcessResult attempt(List<String> command, String stdin) throws HostnetException {
    return attempt(runner, command, stdin);
  }

  private ProcessResult attempt(ProcessRunner with, List<String> command, String stdin) throws HostnetException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    try {
      return with.run(full, stdin);
    } catch (ProcessFailedException e) {
      throw new HostnetException(e.getMessage() + " (is the iptables package installed?)", e);
    }
  }

  private static HostnetException failure(ProcessResult r) {
    return new HostnetException("`" + String.join(" ", r.command()) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
  }
}
