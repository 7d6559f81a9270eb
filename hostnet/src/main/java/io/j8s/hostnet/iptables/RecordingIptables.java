package io.j8s.hostnet.iptables;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link Iptables} for unit tests that keeps tables the way the kernel would for the
 * operations j8s uses, and records every restore payload. Rules are kept as the argument text
 * given (no normalisation, unlike {@code iptables-save}). Restore semantics as the real tool:
 * without noflush each table in the payload is replaced; with noflush a {@code :CHAIN} line
 * creates or flushes that chain, {@code -A} appends, {@code -X} deletes (an error while
 * referenced), a jump to a missing chain is an error, and a failed payload changes nothing.
 * Thread-safe.
 */
public final class RecordingIptables implements Iptables {
  private static final List<String> BUILTIN = List.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING");
  private static final List<String> TARGETS = List.of("ACCEPT", "DROP", "REJECT", "RETURN", "DNAT", "SNAT", "MASQUERADE", "MARK", "REDIRECT");

  private final Map<Table, Map<String, List<String>>> tables = new EnumMap<>(Table.class);
  private final List<String> restores = new ArrayList<>();
  private HostnetException nextFailure;

  public RecordingIptables() {
    for (Table t : Table.values()) tables.put(t, fresh());
  }

  private static Map<String, List<String>> fresh() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    BUILTIN.forEach(c -> m.put(c, new ArrayList<>()));
    return m;
  }

  /** Makes the next restore fail (and change nothing). */
  public synchronized void failNextRestore(String message) {
    nextFailure = new HostnetException(message);
  }

  public synchronized List<String> restores() {
    return List.copyOf(restores);
  }

  /** The rules of a chain, as their argument text after {@code -A CHAIN}; null when the chain does not exist. */
  public synchronized List<String> rules(Table table, String chain) {
    List<String> r = tables.get(table).get(chain);
    return r == null ? null : List.copyOf(r);
  }

  public synchronized List<String> chains(Table table) {
    return List.copyOf(tables.get(table).keySet());
  }

  @Override public synchronized String save(Table table) {
    StringBuilder b = new StringBuilder("*").append(table.id()).append('\n');
    Map<String, List<String>> t = tables.get(table);
    t.keySet().forEach(c -> b.append(':').append(c).append(BUILTIN.contains(c) ? " ACCEPT [0:0]\n" : " - [0:0]\n"));
    t.forEach((c, rules) -> rules.forEach(r -> b.append("-A ").append(c).append(' ').append(r).append('\n')));
    return b.append("COMMIT\n").toString();
  }

  @Override public synchronized void restore(String payload, boolean noflush) throws HostnetException {
    restores.add(payload);
    if (nextFailure != null) {
      HostnetException e = nextFailure;
      nextFailure = null;
      throw e;
    }
    Map<Table, Map<String, List<String>>> work = new EnumMap<>(Table.class);
    tables.forEach((t, m) -> {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      m.forEach((c, r) -> copy.put(c, new ArrayList<>(r)));
      work.put(t, copy);
    });
    Map<String, List<String>> cur = null;
    int n = 0;
    for (String line : payload.split("\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) continue;
      if (line.startsWith("*")) {
        Table t = Table.valueOf(line.substring(1).trim().toUpperCase(java.util.Locale.ROOT));
        if (!noflush) work.put(t, fresh());
        cur = work.get(t);
      } else if (cur == null) {
        throw new HostnetException("iptables-restore: line " + n + ": no table before " + line);
      } else if (line.equals("COMMIT")) {
        check(cur, n);
        cur = null;
      } else if (line.startsWith(":")) {
        String chain = line.substring(1).split(" ")[0];
        cur.put(chain, new ArrayList<>());
      } else if (line.startsWith("-A ")) {
        String rest = line.substring(3);
        int sp = rest.indexOf(' ');
        String chain = sp < 0 ? rest : rest.substring(0, sp);
        List<String> rules = cur.get(chain);
        if (rules == null) throw new HostnetException("iptables-restore: line " + n + ": no chain " + chain);
        rules.add(sp < 0 ? "" : rest.substring(sp + 1));
      } else if (line.startsWith("-X ")) {
        cur.remove(line.substring(3).trim());
      } else {
        throw new HostnetException("iptables-restore: line " + n + ": unsupported by the fake: " + line);
      }
    }
    tables.putAll(work);
  }

  private static void check(Map<String, List<String>> table, int line) throws HostnetException {
    for (Map.Entry<String, List<String>> e : table.entrySet()) {
      for (String r : e.getValue()) {
        String target = jumpTarget(r);
        if (target != null && !TARGETS.contains(target) && !table.containsKey(target)) {
          throw new HostnetException("iptables-restore: line " + line + ": chain " + e.getKey() + " jumps to missing " + target);
        }
      }
    }
  }

  /** As the real tool: naming a missing chain as target is a usage error (exit 2), even to check or delete. */
  private void checkTarget(Table table, List<String> args) throws HostnetException {
    int j = args.indexOf("-j");
    if (j < 0 || j + 1 >= args.size()) return;
    String target = args.get(j + 1);
    if (!TARGETS.contains(target) && !tables.get(table).containsKey(target)) {
      throw new HostnetException("iptables: Chain '" + target + "' does not exist");
    }
  }

  static String jumpTarget(String rule) {
    String[] a = rule.split(" ");
    for (int i = 0; i < a.length - 1; i++) if (a[i].equals("-j")) return a[i + 1];
    return null;
  }

  @Override public synchronized boolean ensureChain(Table table, String chain) {
    return tables.get(table).putIfAbsent(chain, new ArrayList<>()) == null;
  }

  @Override public synchronized boolean ensureRule(Position position, Table table, String chain, List<String> args)
      throws HostnetException {
    List<String> rules = tables.get(table).get(chain);
    if (rules == null) throw new HostnetException("iptables: no chain " + chain + " in " + table.id());
    checkTarget(table, args);
    String r = text(args);
    if (rules.contains(r)) return false;
    if (position == Position.APPEND) rules.add(r);
    else rules.add(0, r);
    return true;
  }

  @Override public synchronized void deleteRule(Table table, String chain, List<String> args) throws HostnetException {
    checkTarget(table, args);
    List<String> rules = tables.get(table).get(chain);
    if (rules != null) rules.remove(text(args));
  }

  /** Arguments as restore text: quoted when they contain spaces. */
  static String text(List<String> args) {
    List<String> q = new ArrayList<>();
    for (String a : args) q.add(a.indexOf(' ') >= 0 ? "\"" + a + "\"" : a);
    return String.join(" ", q);
  }
}
