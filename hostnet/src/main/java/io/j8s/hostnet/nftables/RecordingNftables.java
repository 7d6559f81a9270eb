package io.j8s.hostnet.nftables;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-memory {@link Nftables} for unit tests. Understands the flat one-command-a-line scripts the
 * proxy renders ({@code add|delete|flush table}, {@code add|flush|delete chain}, {@code add
 * map|set}, {@code add|delete element}, {@code add rule}) and, like the kernel, rejects the whole
 * transaction when a command names a missing table, chain, map or element, or a rule or map
 * element jumps to a missing chain. Records every applied script.
 */
public final class RecordingNftables implements Nftables {
  private static final Pattern OBJ = Pattern.compile("^(add|create|delete|flush) (table|chain|map|set|element|rule) (\\S+) (\\S+)\\s*(\\S+)?\\s*(.*)$");
  private static final Pattern TARGET = Pattern.compile("\\b(?:jump|goto) ([A-Za-z0-9_./:-]+)");

  /** A table's chains (name to rules) and maps/sets (name to element keys and their values). */
  private record State(Map<String, List<String>> chains, Map<String, Map<String, String>> maps) {
    State copy() {
      Map<String, List<String>> c = new LinkedHashMap<>();
      chains.forEach((k, v) -> c.put(k, new ArrayList<>(v)));
      Map<String, Map<String, String>> m = new LinkedHashMap<>();
      maps.forEach((k, v) -> m.put(k, new LinkedHashMap<>(v)));
      return new State(c, m);
    }
  }

  private Map<Table, State> tables = new LinkedHashMap<>();
  private final List<String> scripts = new ArrayList<>();

  @Override public synchronized void apply(String script) throws HostnetException {
    Map<Table, State> work = new LinkedHashMap<>();
    tables.forEach((k, v) -> work.put(k, v.copy()));
    int n = 0;
    for (String raw : script.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      Matcher m = OBJ.matcher(line);
      if (!m.matches()) throw new HostnetException("line " + n + ": cannot parse: " + line);
      command(work, m, n, line);
    }
    for (Map.Entry<Table, State> t : work.entrySet()) {
      State s = t.getValue();
      for (Map.Entry<String, List<String>> c : s.chains().entrySet()) {
        for (String rule : c.getValue()) checkTargets(s, rule, "chain " + c.getKey());
      }
      for (Map.Entry<String, Map<String, String>> mp : s.maps().entrySet()) {
        for (String v : mp.getValue().values()) checkTargets(s, v, "map " + mp.getKey());
      }
    }
    tables = work;
    scripts.add(script);
  }

  private static void command(Map<Table, State> work, Matcher m, int n, String line) throws HostnetException {
    String verb = m.group(1);
    String kind = m.group(2);
    Table t = new Table(m.group(3), m.group(4));
    String name = m.group(5);
    String rest = m.group(6);
    if (kind.equals("table")) {
      switch (verb) {
        case "add" -> work.putIfAbsent(t, new State(new LinkedHashMap<>(), new LinkedHashMap<>()));
        case "create" -> {
          if (work.putIfAbsent(t, new State(new LinkedHashMap<>(), new LinkedHashMap<>())) != null) throw err(n, "table exists", line);
        }
        case "delete" -> {
          if (work.remove(t) == null) throw err(n, "no such table", line);
        }
        default -> {
          State s = table(work, t, n, line);
          s.chains().replaceAll((k, v) -> new ArrayList<>());
          s.maps().replaceAll((k, v) -> new LinkedHashMap<>());
        }
      }
      return;
    }
    State s = table(work, t, n, line);
    if (name == null) throw err(n, "missing name", line);
    switch (kind) {
      case "chain" -> {
        switch (verb) {
          case "add" -> s.chains().putIfAbsent(name, new ArrayList<>());
          case "create" -> {
            if (s.chains().putIfAbsent(name, new ArrayList<>()) != null) throw err(n, "chain exists", line);
          }
          case "flush" -> chain(s, name, n, line).clear();
          default -> {
            if (!chain(s, name, n, line).isEmpty()) throw err(n, "chain not empty", line);
            s.chains().remove(name);
          }
        }
      }
      case "rule" -> {
        if (!verb.equals("add")) throw err(n, "unsupported", line);
        chain(s, name, n, line).add(rest);
      }
      case "map", "set" -> {
        if (verb.equals("delete")) {
          if (s.maps().remove(name) == null) throw err(n, "no such " + kind, line);
        } else if (verb.equals("flush")) {
          map(s, name, n, line).clear();
        } else {
          s.maps().putIfAbsent(name, new LinkedHashMap<>());
        }
      }
      default -> {
        Map<String, String> elements = map(s, name, n, line);
        String body = rest.strip();
        if (!body.startsWith("{") || !body.endsWith("}")) throw err(n, "elements need braces", line);
        for (String e : body.substring(1, body.length() - 1).split(",")) {
          String[] kv = e.split(" : ", 2);
          String key = kv[0].strip();
          if (key.isEmpty()) continue;
          if (verb.equals("delete")) {
            if (elements.remove(key) == null) throw err(n, "no such element " + key, line);
          } else if (verb.equals("add")) {
            elements.putIfAbsent(key, kv.length > 1 ? kv[1].strip() : "");
          } else {
            throw err(n, "unsupported", line);
          }
        }
      }
    }
  }

  private static void checkTargets(State s, String text, String where) throws HostnetException {
    Matcher m = TARGET.matcher(text);
    while (m.find()) {
      if (!s.chains().containsKey(m.group(1))) throw new HostnetException(where + ": no such chain " + m.group(1));
    }
  }

  private static State table(Map<Table, State> work, Table t, int n, String line) throws HostnetException {
    State s = work.get(t);
    if (s == null) throw err(n, "no such table", line);
    return s;
  }

  private static List<String> chain(State s, String name, int n, String line) throws HostnetException {
    List<String> c = s.chains().get(name);
    if (c == null) throw err(n, "no such chain", line);
    return c;
  }

  private static Map<String, String> map(State s, String name, int n, String line) throws HostnetException {
    Map<String, String> m = s.maps().get(name);
    if (m == null) throw err(n, "no such map or set", line);
    return m;
  }

  private static HostnetException err(int n, String what, String line) {
    return new HostnetException("line " + n + ": " + what + ": " + line);
  }

  @Override public synchronized Optional<String> list(Table table) {
    State s = tables.get(table);
    if (s == null) return Optional.empty();
    StringBuilder b = new StringBuilder("table ").append(table).append(" {\n");
    s.maps().forEach((name, el) -> {
      b.append("\tmap ").append(name).append(" {\n");
      el.forEach((k, v) -> b.append("\t\t").append(k).append(v.isEmpty() ? "" : " : " + v).append('\n'));
      b.append("\t}\n");
    });
    s.chains().forEach((name, rules) -> {
      b.append("\tchain ").append(name).append(" {\n");
      rules.forEach(r -> b.append("\t\t").append(r).append('\n'));
      b.append("\t}\n");
    });
    return Optional.of(b.append("}\n").toString());
  }

  @Override public synchronized Optional<String> listJson(Table table) {
    State s = tables.get(table);
    if (s == null) return Optional.empty();
    StringBuilder b = new StringBuilder("{\"nftables\": [{\"table\": {\"family\": \"").append(table.family())
        .append("\", \"name\": \"").append(table.name()).append("\"}}");
    s.chains().keySet().forEach(c -> b.append(", {\"chain\": {\"table\": \"").append(table.name()).append("\", \"name\": \"")
        .append(c).append("\"}}"));
    return Optional.of(b.append("]}").toString());
  }

  @Override public synchronized boolean deleteTable(Table table) {
    return tables.remove(table) != null;
  }

  /** Every script applied successfully, in order. */
  public synchronized List<String> scripts() {
    return List.copyOf(scripts);
  }

  public synchronized Set<Table> tables() {
    return new LinkedHashSet<>(tables.keySet());
  }

  /** The table's chains with their rules (the text after the chain name). */
  public synchronized Map<String, List<String>> chains(Table table) {
    State s = tables.get(table);
    Map<String, List<String>> out = new TreeMap<>();
    if (s != null) s.chains().forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** A map's or set's elements, key to value (empty value for a set), or an empty map. */
  public synchronized Map<String, String> elements(Table table, String map) {
    State s = tables.get(table);
    if (s == null || !s.maps().containsKey(map)) return Map.of();
    return new TreeMap<>(s.maps().get(map));
  }
}
