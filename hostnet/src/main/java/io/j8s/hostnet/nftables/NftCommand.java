package io.j8s.hostnet.nftables;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.util.List;
import java.util.Optional;

/**
 * {@link Nftables} through Debian's {@code nft}: scripts go to {@code nft -f -} on standard input
 * (one transaction). An optional command prefix (e.g. {@code ip netns exec NAME}) runs it in
 * another network namespace.
 */
public final class NftCommand implements Nftables {
  private final HostTool tool;

  /** In the current network namespace. */
  public NftCommand() { this(List.of()); }

  public NftCommand(List<String> prefix) {
    this.tool = new HostTool(new ProcessRunner(), prefix, "nftables");
  }

  @Override public void apply(String script) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("nft", "-f", "-"), script);
    if (!r.ok()) throw HostTool.failure(r);
  }

  @Override public Optional<String> list(Table table) throws HostnetException {
    return listing(List.of("nft", "list", "table", table.family(), table.name()));
  }

  @Override public Optional<String> listJson(Table table) throws HostnetException {
    return listing(List.of("nft", "-j", "list", "table", table.family(), table.name()));
  }

  @Override public boolean deleteTable(Table table) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("nft", "delete", "table", table.family(), table.name()), null);
    if (r.ok()) return true;
    if (missing(r)) return false;
    throw HostTool.failure(r);
  }

  private Optional<String> listing(List<String> cmd) throws HostnetException {
    ProcessResult r = tool.attempt(cmd, null);
    if (r.ok()) return Optional.of(r.stdout());
    if (missing(r)) return Optional.empty();
    throw HostTool.failure(r);
  }

  private static boolean missing(ProcessResult r) {
    return r.exitCode() == 1 && r.stderr().contains("No such file or directory");
  }
}
