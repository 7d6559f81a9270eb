package io.j8s.hostnet.ipvs;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ipvsadm-save -n} format: one {@code -A <service> -s <scheduler> [-p <timeout>] [...]}
 * line per virtual service, then one {@code -a <service> -r <ip:port> -m|-g|-i -w <weight> [...]}
 * per real server. Parsing keeps the IPv4 TCP/UDP/SCTP services (fwmark and IPv6 ones are not
 * j8s's and are skipped) and ignores options it does not model; formatting writes what ipvsadm prints.
 */
public final class IpvsSave {
  private IpvsSave() {}

  public static IpvsTable parse(String saved) throws HostnetException {
    Map<String, VirtualServer> servers = new LinkedHashMap<>();
    Map<String, List<RealServer>> dests = new LinkedHashMap<>();
    int n = 0;
    for (String raw : saved.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] t = line.split("\\s+");
      if (t.length < 3) throw new HostnetException("ipvsadm-save line " + n + ": cannot read: " + line);
      VirtualServer.Protocol proto = VirtualServer.Protocol.ofOption(t[1]);
      if (proto == null || t[2].startsWith("[")) continue; // fwmark or IPv6: not ours
      String[] hp = hostPort(t[2], n);
      if (t[0].equals("-A")) {
        String scheduler = "wlc";
        int persistence = 0;
        for (int i = 3; i < t.length; i++) {
          if (t[i].equals("-s") && i + 1 < t.length) scheduler = t[++i];
          else if (t[i].equals("-p") && i + 1 < t.length) persistence = number(t[++i], n);
        }
        VirtualServer vs = new VirtualServer(proto, hp[0], number(hp[1], n), scheduler, persistence);
        servers.put(vs.key(), vs);
        dests.putIfAbsent(vs.key(), new ArrayList<>());
      } else if (t[0].equals("-a")) {
        String key = proto + " " + hp[0] + ":" + hp[1];
        String real = null;
        int weight = 1;
        for (int i = 3; i < t.length; i++) {
          if (t[i].equals("-r") && i + 1 < t.length) real = t[++i];
          else if (t[i].equals("-w") && i + 1 < t.length) weight = number(t[++i], n);
        }
        if (real == null) throw new HostnetException("ipvsadm-save line " + n + ": real server without -r: " + line);
        if (!servers.containsKey(key)) throw new HostnetException("ipvsadm-save line " + n + ": real server of unknown service " + key);
        String[] rp = hostPort(real, n);
        dests.get(key).add(new RealServer(rp[0], number(rp[1], n), weight));
      } else {
        throw new HostnetException("ipvsadm-save line " + n + ": unknown command " + t[0]);
      }
    }
    List<IpvsTable.Service> out = new ArrayList<>();
    servers.forEach((k, vs) -> out.add(IpvsTable.Service.of(vs, dests.get(k))));
    return IpvsTable.of(out);
  }

  /** The table as {@code ipvsadm-save -n} prints it (masquerading real servers). */
  public static String format(IpvsTable table) {
    StringBuilder b = new StringBuilder();
    for (IpvsTable.Service s : table.services().values()) {
      b.append(new IpvsOp.AddService(s.server()).line()).append('\n');
      for (RealServer r : s.destinations().values()) b.append(new IpvsOp.AddServer(s.server(), r).line()).append('\n');
    }
    return b.toString();
  }

  private static String[] hostPort(String s, int line) throws HostnetException {
    int c = s.lastIndexOf(':');
    if (c <= 0) throw new HostnetException("ipvsadm-save line " + line + ": not an address:port: " + s);
    return new String[] {s.substring(0, c), s.substring(c + 1)};
  }

  private static int number(String s, int line) throws HostnetException {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new HostnetException("ipvsadm-save line " + line + ": not a number: " + s);
    }
  }
}
