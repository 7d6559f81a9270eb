package io.j8s.hostnet.ipset;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code ipset save} format: {@code create NAME TYPE OPTIONS...} then {@code add NAME ENTRY}
 * lines. Options that the kernel picks itself and that vary ({@code initval}, {@code bucketsize})
 * are dropped when reading, so a set reads back with the options it was created with.
 */
public final class IpsetSave {
  private static final List<String> VOLATILE = List.of("initval", "bucketsize");

  private IpsetSave() {}

  public static Map<String, IpSet> parse(String saved) throws HostnetException {
    Map<String, String[]> creates = new LinkedHashMap<>();
    Map<String, TreeSet<String>> entries = new LinkedHashMap<>();
    int n = 0;
    for (String raw : saved.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] t = line.split("\\s+");
      if (t[0].equals("create") && t.length >= 3) {
        creates.put(t[1], t);
        entries.put(t[1], new TreeSet<>());
      } else if (t[0].equals("add") && t.length >= 3) {
        TreeSet<String> e = entries.get(t[1]);
        if (e == null) throw new HostnetException("ipset save line " + n + ": entry of unknown set " + t[1]);
        e.add(t[2]);
      } else {
        throw new HostnetException("ipset save line " + n + ": cannot read: " + line);
      }
    }
    Map<String, IpSet> out = new TreeMap<>();
    creates.forEach((name, t) -> out.put(name, new IpSet(name, t[2], options(Arrays.asList(t).subList(3, t.length)), entries.get(name))));
    return out;
  }

  /** The sets as {@code ipset save} prints them. */
  public static String format(Iterable<IpSet> sets) {
    StringBuilder b = new StringBuilder();
    for (IpSet s : sets) {
      b.append(s.createLine()).append('\n');
      for (String e : s.entries()) b.append("add ").append(s.name()).append(' ').append(e).append('\n');
    }
    return b.toString();
  }

  private static List<String> options(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      if (VOLATILE.contains(raw.get(i))) {
        i++;
        continue;
      }
      out.add(raw.get(i));
    }
    return out;
  }
}
