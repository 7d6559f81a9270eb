package io.j8s.hostnet.conntrack;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link Conntrack} through Debian's {@code conntrack} tool, optionally behind a prefix such as {@code ip netns exec NAME}. */
public final class ConntrackCommand implements Conntrack {
  private static final Pattern DELETED = Pattern.compile("(\\d+) flow entries have been deleted");
  private final HostTool tool;

  public ConntrackCommand() {
    this(List.of());
  }

  public ConntrackCommand(List<String> prefix) {
    this.tool = new HostTool(new ProcessRunner(), prefix, "conntrack");
  }

  @Override public int delete(FlowFilter filter) throws HostnetException {
    List<String> cmd = new ArrayList<>();
    cmd.add("conntrack");
    cmd.addAll(filter.args());
    ProcessResult r = tool.attempt(cmd, null);
    Matcher m = DELETED.matcher(r.stderr() + r.stdout());
    int n = m.find() ? Integer.parseInt(m.group(1)) : -1;
    // conntrack exits 1 when no flow matched ("0 flow entries have been deleted")
    if (r.ok() || n == 0) return n;
    throw HostTool.failure(r);
  }
}
