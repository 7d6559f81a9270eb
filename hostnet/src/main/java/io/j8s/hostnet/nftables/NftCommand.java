package io.j8s.hostnet.nftables;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Nftables} through Debian's {@code nft}: scripts go to {@code nft -f -} on standard input
 * (one transaction). An optional command prefix (e.g. {@code ip netns exec NAME}) runs it in
 * another network namespace.
 */
public final class NftCommand implements Nftables {
  private final List<String> prefix;
  private final ProcessRunner runner = new ProcessRunner();

  /** In the current network namespace. */
  public NftCommand() { this(List.of()); }

  public NftCommand(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  @Override public void apply(String script) throws HostnetException {
    ProcessResult r = attempt(List.of("nft", "-f", "-"), script);
    if (!r.ok()) throw failure(r);
  }

  @Override public Optional<String> list(Table table) throws HostnetException {
    return listing(List.of("nft", "list", "table", table.family(), table.name()));
  }

  @Override public Optional<String> listJson(Table table) throws HostnetException {
    return listing(List.of("nft", "-j", "list", "table", table.family(), table.name()));
  }

  @Override public boolean deleteTable(Table table) throws HostnetException {
    ProcessResult r = attempt(List.of("nft", "delete", "table", table.family(), table.name()), null);
    if (r.ok()) return true;
    if (missing(r)) return false;
    throw failure(r);
  }

  private Optional<String> listing(List<String> cmd) throws HostnetException {
    ProcessResult r = attempt(cmd, null);
    if (r.ok()) return Optional.of(r.stdout());
    if (missing(r)) return Optional.empty();
    throw failure(r);
  }

  private static boolean missing(ProcessResult r) {
    return r.exitCode() == 1 && r.stderr().contains("No such file or directory");
  }

  private ProcessResult attempt(List<String> command, String stdin) throws HostnetException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    try {
      return runner.run(full, stdin);
    } catch (ProcessFailedException e) {
      throw new HostnetException(e.getMessage() + " (is the nftables package installed?)", e);
    }
  }

  private static HostnetException failure(ProcessResult r) {
    return new HostnetException("`" + String.join(" ", r.command()) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
  }
}
