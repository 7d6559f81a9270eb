package io.j8s.hostnet.ipset;

import java.util.Map;

/**
 * The {@code ipset restore} lines that make the given sets exist with exactly the desired entries,
 * starting from {@code current}: a missing set is created; a set of another type is flushed,
 * destroyed and created again (fails while iptables still references it, as upstream would);
 * entries are added and deleted one by one so a set is never empty in between. Sets not in
 * {@code desired} are left alone. Empty when nothing changes. Pure.
 */
public final class IpsetScript {
  private IpsetScript() {}

  public static String diff(Map<String, IpSet> current, Iterable<IpSet> desired) {
    StringBuilder b = new StringBuilder();
    for (IpSet want : desired) {
      IpSet have = current.get(want.name());
      if (have != null && !have.type().equals(want.type())) {
        b.append("flush ").append(want.name()).append('\n');
        b.append("destroy ").append(want.name()).append('\n');
        have = null;
      }
      if (have == null) {
        b.append(want.createLine()).append('\n');
        for (String e : want.entries()) add(b, want.name(), e);
        continue;
      }
      for (String e : want.entries()) if (!have.entries().contains(e)) add(b, want.name(), e);
      for (String e : have.entries()) {
        if (!want.entries().contains(e)) b.append("del ").append(want.name()).append(' ').append(e).append('\n');
      }
    }
    return b.toString();
  }

  /** Lines destroying the named sets that exist (for cleanup; fails while referenced). */
  public static String destroy(Map<String, IpSet> current, Iterable<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) if (current.containsKey(n)) b.append("destroy ").append(n).append('\n');
    return b.toString();
  }

  private static void add(StringBuilder b, String set, String entry) {
    b.append("add ").append(set).append(' ').append(entry).append('\n');
  }
}
