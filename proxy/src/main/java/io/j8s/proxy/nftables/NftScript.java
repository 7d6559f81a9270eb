package io.j8s.proxy.nftables;

import static io.j8s.proxy.nftables.NftablesRenderer.FAMILY;
import static io.j8s.proxy.nftables.NftablesRenderer.TABLE;

import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns rendered objects into one {@code nft -f} transaction. A full one replaces the table
 * ({@code add}, {@code delete}, {@code add}: the delete cannot fail and nothing of the old table
 * survives). A partial one touches only the changed Services and only what differs: stale or
 * changed map elements deleted, changed chains flushed and refilled, gone chains flushed and
 * deleted, gone sets deleted, new sets, chains, rules and elements added, in an order where
 * nothing is deleted while referenced and nothing is referenced before it exists. Pure.
 */
public final class NftScript {
  static final String T = FAMILY + " " + TABLE;

  private NftScript() {}

  public static String full(NftablesConfig cfg, NftRuleset r) {
    StringBuilder b = new StringBuilder(256 + r.services().size() * 1024);
    b.append("add table ").append(T).append('\n');
    b.append("delete table ").append(T).append('\n');
    b.append("add table ").append(T).append('\n');
    b.append(NftablesRenderer.base(cfg));
    SortedMap<String, Map<String, String>> elements = new TreeMap<>();
    for (ServiceObjects o : r.services().values()) {
      o.sets().forEach((name, spec) -> b.append("add set ").append(T).append(' ').append(name).append(' ').append(spec).append('\n'));
      o.chains().keySet().forEach(c -> b.append("add chain ").append(T).append(' ').append(c).append('\n'));
      o.elements().forEach((map, els) -> {
        Map<String, String> all = elements.computeIfAbsent(map, k -> new LinkedHashMap<>());
        els.forEach((k, v) -> all.put(k, element(k, v)));
      });
    }
    for (ServiceObjects o : r.services().values()) o.chains().forEach((c, rules) -> rules(b, c, rules));
    elements.forEach((map, all) -> {
      List<String> list = new ArrayList<>(all.values());
      for (int i = 0; i < list.size(); i += 1000) {
        b.append("add element ").append(T).append(' ').append(map).append(" { ")
            .append(String.join(", ", list.subList(i, Math.min(list.size(), i + 1000)))).append(" }\n");
      }
    });
    return b.toString();
  }

  /**
   * The changes taking the {@code changed} Services from {@code before} to {@code after}; empty when
   * nothing differs. The elements of the shared sets ({@link SharedElements#SETS}) come from
   * {@code shared}, not from each Service's own difference.
   */
  static String partial(Map<ServiceRef, ServiceObjects> before, Map<ServiceRef, ServiceObjects> after, Set<ServiceRef> changed,
      SharedElements.Change shared) {
    StringBuilder del = new StringBuilder();
    StringBuilder flush = new StringBuilder();
    StringBuilder gone = new StringBuilder();
    StringBuilder add = new StringBuilder();
    StringBuilder rules = new StringBuilder();
    StringBuilder els = new StringBuilder();
    for (ServiceRef ref : new TreeSet<>(changed)) {
      ServiceObjects o = before.getOrDefault(ref, ServiceObjects.NONE);
      ServiceObjects n = after.getOrDefault(ref, ServiceObjects.NONE);
      Set<String> remade = new HashSet<>();
      o.sets().forEach((s, spec) -> {
        if (!spec.equals(n.sets().get(s))) remade.add(s);
      });
      o.elements().forEach((map, old) -> {
        if (SharedElements.SETS.contains(map)) return;
        Map<String, String> now = n.elements().getOrDefault(map, new TreeMap<>());
        old.forEach((k, v) -> {
          if (!v.equals(now.get(k))) del.append("delete element ").append(T).append(' ').append(map).append(" { ").append(k).append(" }\n");
        });
      });
      o.chains().forEach((c, rs) -> {
        List<String> now = n.chains().get(c);
        if (!rs.equals(now) || mentions(rs, remade)) {
          flush.append("flush chain ").append(T).append(' ').append(c).append('\n');
          if (now == null) gone.append("delete chain ").append(T).append(' ').append(c).append('\n');
        }
      });
      for (String s : remade) gone.append("delete set ").append(T).append(' ').append(s).append('\n');
      n.sets().forEach((s, spec) -> {
        if (!spec.equals(o.sets().get(s))) add.append("add set ").append(T).append(' ').append(s).append(' ').append(spec).append('\n');
      });
      n.chains().forEach((c, rs) -> {
        List<String> was = o.chains().get(c);
        if (was == null) add.append("add chain ").append(T).append(' ').append(c).append('\n');
        if (!rs.equals(was) || mentions(rs, remade)) rules(rules, c, rs);
      });
      n.elements().forEach((map, now) -> {
        if (SharedElements.SETS.contains(map)) return;
        Map<String, String> old = o.elements().getOrDefault(map, new TreeMap<>());
        now.forEach((k, v) -> {
          if (!v.equals(old.get(k))) els.append("add element ").append(T).append(' ').append(map).append(" { ").append(element(k, v)).append(" }\n");
        });
      });
    }
    shared.deletes().forEach((set, keys) -> del.append("delete element ").append(T).append(' ').append(set).append(" { ")
        .append(String.join(", ", keys)).append(" }\n"));
    shared.adds().forEach((set, keys) -> els.append("add element ").append(T).append(' ').append(set).append(" { ")
        .append(String.join(", ", keys)).append(" }\n"));
    return del.append(flush).append(gone).append(add).append(rules).append(els).toString();
  }

  private static boolean mentions(List<String> rules, Set<String> sets) {
    if (sets.isEmpty()) return false;
    for (String r : rules) for (String s : sets) if (r.contains("@" + s + " ")) return true;
    return false;
  }

  private static void rules(StringBuilder b, String chain, List<String> rules) {
    for (String r : rules) b.append("add rule ").append(T).append(' ').append(chain).append(' ').append(r).append('\n');
  }

  private static String element(String key, String value) {
    return Objects.requireNonNull(value).isEmpty() ? key : key + " : " + value;
  }
}
