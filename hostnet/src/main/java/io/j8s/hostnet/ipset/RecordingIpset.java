package io.j8s.hostnet.ipset;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An in-memory {@link Ipset} that runs restore lines as {@code ipset restore} does: in order,
 * stopping at the first error (earlier lines stay). Errors as the real tool: creating an existing
 * set, adding an entry twice, deleting a missing entry, naming a missing set, an entry that does
 * not fit the set's type, destroying a set an iptables rule references ({@link #reference}).
 * Records every script. Thread-safe.
 */
public final class RecordingIpset implements Ipset {
  private static final String IP = "\\d{1,3}(\\.\\d{1,3}){3}";
  private static final String PORT = "(tcp|udp|sctp):\\d{1,5}";
  private static final Map<String, Pattern> ENTRY = Map.of(
      "hash:ip", Pattern.compile(IP),
      "hash:ip,port", Pattern.compile(IP + "," + PORT),
      "hash:ip,port,ip", Pattern.compile(IP + "," + PORT + "," + IP),
      "hash:ip,port,net", Pattern.compile(IP + "," + PORT + "," + IP + "(/\\d{1,2})?"),
      "bitmap:port", Pattern.compile("\\d{1,5}"));

  private final TreeMap<String, IpSet> sets = new TreeMap<>();
  private final TreeMap<String, Integer> references = new TreeMap<>();
  private final List<String> scripts = new ArrayList<>();

  /** Marks a set as referenced by an iptables rule (so destroying it fails), or unmarks it. */
  public synchronized void reference(String set, boolean referenced) {
    if (referenced) references.merge(set, 1, Integer::sum);
    else references.remove(set);
  }

  public synchronized List<String> scripts() {
    return List.copyOf(scripts);
  }

  @Override public synchronized Map<String, IpSet> list() {
    return new TreeMap<>(sets);
  }

  @Override public synchronized void restore(String script) throws HostnetException {
    scripts.add(script);
    int n = 0;
    for (String raw : script.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty()) continue;
      String[] t = line.split("\\s+");
      if (t.length < 2) throw error(n, "cannot read: " + line);
      IpSet s = sets.get(t[1]);
      switch (t[0]) {
        case "create" -> {
          if (s != null) throw error(n, "Set cannot be created: set with the same name already exists");
          if (t.length < 3 || !ENTRY.containsKey(t[2])) throw error(n, "unknown set type " + (t.length < 3 ? "" : t[2]));
          sets.put(t[1], new IpSet(t[1], t[2], Arrays.asList(t).subList(3, t.length), new TreeSet<>()));
        }
        case "add", "del" -> {
          if (s == null) throw error(n, "The set with the given name does not exist");
          if (t.length < 3 || !ENTRY.get(s.type()).matcher(t[2]).matches()) throw error(n, "Syntax error: bad entry for " + s.type());
          TreeSet<String> e = new TreeSet<>(s.entries());
          if (t[0].equals("add") && !e.add(t[2])) throw error(n, "Element cannot be added to the set: it's already added");
          if (t[0].equals("del") && !e.remove(t[2])) throw error(n, "Element cannot be deleted from the set: it's not added");
          sets.put(s.name(), new IpSet(s.name(), s.type(), s.options(), e));
        }
        case "flush" -> {
          if (s == null) throw error(n, "The set with the given name does not exist");
          sets.put(s.name(), new IpSet(s.name(), s.type(), s.options(), new TreeSet<>()));
        }
        case "destroy" -> {
          if (s == null) throw error(n, "The set with the given name does not exist");
          if (references.containsKey(s.name())) throw error(n, "Set cannot be destroyed: it is in use by a kernel component");
          sets.remove(s.name());
        }
        default -> throw error(n, "unsupported by the fake: " + line);
      }
    }
  }

  private static HostnetException error(int line, String message) {
    return new HostnetException("ipset v7: Error in line " + line + ": " + message);
  }
}
