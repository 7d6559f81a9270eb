package io.j8s.dns.zone;

import io.j8s.dns.zone.ClusterSnapshot.EndpointEntry;
import io.j8s.dns.zone.ClusterSnapshot.Kind;
import io.j8s.dns.zone.ClusterSnapshot.Port;
import io.j8s.dns.zone.ClusterSnapshot.ServiceEntry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The Kubernetes DNS specification as a pure function of a snapshot. Names below the domain, by
 * their labels from the right: {@code svc} and {@code pod} (empty non-terminals), {@code
 * <ns>.svc} (exists when the namespace has a Service), {@code <svc>.<ns>.svc} (ClusterIP A/AAAA,
 * headless ready endpoint addresses, ExternalName CNAME, SRV for every port), {@code
 * <endpoint>.<svc>.<ns>.svc} (headless: endpoint hostname or dashed address), {@code
 * _<port>._<proto>.<svc>.<ns>.svc} (SRV), {@code a-b-c-d.<ns>.pod} (any well-formed address, as
 * CoreDNS's "pods insecure"), {@code dns-version} (TXT) and {@code ns.dns} (the DNS Service IP).
 * Anything else is NXDOMAIN; a name that exists without the asked type is NOERROR with the SOA.
 */
public final class ClusterAnswers {
  public static final String SCHEMA_VERSION = "1.1.0";

  private ClusterAnswers() {}

  /** Answer for {@code qname} (within {@code zone.domain()}), type and class; the caller checked containment. */
  public static Answer answer(ClusterSnapshot snap, ZoneConfig zone, Name qname, int qtype, int qclass) {
    Records r = new Records(zone, snap.serial());
    int rel = qname.labels() - zone.domain().labels();
    if (rel < 0) throw new IllegalArgumentException(qname + " is not in " + zone.domain());
    String[] l = new String[rel]; // l[0] is the label next to the domain
    for (int i = 0; i < rel; i++) l[i] = qname.getLabelString(rel - 1 - i).toLowerCase(Locale.ROOT);
    List<Record> ans = new ArrayList<>(), add = new ArrayList<>();
    boolean exists = switch (rel) {
      case 0 -> {
        if (qtype == Type.SOA || qtype == Type.ANY) ans.add(r.soa());
        if (qtype == Type.NS || qtype == Type.ANY) {
          ans.add(r.ns());
          if (zone.dnsIp() != null) add.add(r.address(r.nsName(), zone.dnsIp()));
        }
        yield true;
      }
      case 1 -> {
        if (l[0].equals("dns-version") && (qtype == Type.TXT || qtype == Type.ANY)) ans.add(r.txt(qname, SCHEMA_VERSION));
        yield l[0].equals("svc") || l[0].equals("pod") || l[0].equals("dns-version") || l[0].equals("dns");
      }
      case 2 -> {
        if (l[0].equals("dns") && l[1].equals("ns") && zone.dnsIp() != null) {
          addresses(r, qname, List.of(zone.dnsIp()), qtype, ans);
          yield true;
        }
        yield l[0].equals("svc") && snap.namespaces().contains(l[1]);
      }
      case 3 -> {
        if (l[0].equals("pod")) yield pod(r, qname, l[2], qtype, ans);
        if (!l[0].equals("svc")) yield false;
        ServiceEntry s = snap.service(l[2], l[1]);
        if (s == null) yield false;
        service(r, qname, s, qtype, ans, add);
        yield true;
      }
      case 4 -> {
        ServiceEntry s = l[0].equals("svc") ? snap.service(l[2], l[1]) : null;
        if (s == null) yield false;
        if (l[3].startsWith("_")) yield s.ports().stream().anyMatch(p -> ("_" + p.protocol()).equals(l[3]));
        yield endpoint(r, qname, s, l[3], qtype, ans);
      }
      case 5 -> {
        ServiceEntry s = l[0].equals("svc") ? snap.service(l[2], l[1]) : null;
        if (s == null || !l[3].startsWith("_") || !l[4].startsWith("_")) yield false;
        yield srv(r, qname, s, l[3].substring(1), l[4].substring(1), qtype, ans, add);
      }
      default -> false;
    };
    if (!exists) return new Answer(Rcode.NXDOMAIN, List.of(), List.of(r.soa()), List.of());
    return new Answer(Rcode.NOERROR, ans, ans.isEmpty() ? List.of(r.soa()) : List.of(), add);
  }

  private static void service(Records r, Name qname, ServiceEntry s, int qtype, List<Record> ans, List<Record> add) {
    switch (s.kind()) {
      case EXTERNAL_NAME -> {
        if (s.externalName() != null && !s.externalName().isEmpty()) ans.add(r.cname(qname, s.externalName()));
      }
      case CLUSTER_IP -> {
        addresses(r, qname, s.clusterIps(), qtype, ans);
        if (qtype == Type.SRV) {
          for (Port p : s.ports()) ans.add(r.srv(qname, 100, p.port(), r.serviceName(s)));
          if (!s.ports().isEmpty()) addresses(r, r.serviceName(s), s.clusterIps(), Type.ANY, add);
        }
      }
      case HEADLESS -> {
        addresses(r, qname, s.endpoints().stream().map(EndpointEntry::ip).distinct().toList(), qtype, ans);
        if (qtype == Type.SRV) {
          for (EndpointEntry e : s.endpoints()) {
            for (Port p : e.ports()) ans.add(r.srv(qname, weight(s.endpoints().size()), p.port(), r.endpointName(s, e)));
            if (!e.ports().isEmpty()) addresses(r, r.endpointName(s, e), List.of(e.ip()), Type.ANY, add);
          }
        }
      }
    }
  }

  private static boolean endpoint(Records r, Name qname, ServiceEntry s, String label, int qtype, List<Record> ans) {
    if (s.kind() != Kind.HEADLESS) return false;
    List<String> ips = s.endpoints().stream().filter(e -> e.label().equals(label)).map(EndpointEntry::ip).toList();
    if (ips.isEmpty()) return false;
    addresses(r, qname, ips, qtype, ans);
    return true;
  }

  private static boolean srv(Records r, Name qname, ServiceEntry s, String proto, String port, int qtype, List<Record> ans,
      List<Record> add) {
    if (s.kind() == Kind.EXTERNAL_NAME) return false;
    if (s.kind() == Kind.CLUSTER_IP) {
      List<Port> ports = s.ports().stream().filter(p -> matches(p, proto, port)).toList();
      if (ports.isEmpty()) return false;
      if (qtype == Type.SRV || qtype == Type.ANY) {
        for (Port p : ports) ans.add(r.srv(qname, 100, p.port(), r.serviceName(s)));
        addresses(r, r.serviceName(s), s.clusterIps(), Type.ANY, add);
      }
      return true;
    }
    boolean found = false;
    for (EndpointEntry e : s.endpoints()) {
      for (Port p : e.ports()) {
        if (!matches(p, proto, port)) continue;
        found = true;
        if (qtype == Type.SRV || qtype == Type.ANY) {
          ans.add(r.srv(qname, weight(s.endpoints().size()), p.port(), r.endpointName(s, e)));
          addresses(r, r.endpointName(s, e), List.of(e.ip()), Type.ANY, add);
        }
      }
    }
    return found;
  }

  private static boolean matches(Port p, String proto, String port) {
    return p.name() != null && p.name().toLowerCase(Locale.ROOT).equals(port) && p.protocol().equals(proto);
  }

  /** Weights of one priority sum to about 100, as CoreDNS. */
  private static int weight(int n) {
    return Math.max(1, 100 / Math.max(1, n));
  }

  private static boolean pod(Records r, Name qname, String label, int qtype, List<Record> ans) {
    String ip = label.matches("\\d{1,3}(-\\d{1,3}){3}") ? label.replace('-', '.')
        : label.matches("[0-9a-f]*(-[0-9a-f]*){2,7}") ? label.replace('-', ':') : null;
    if (ip == null || parse(ip) == null) return false;
    addresses(r, qname, List.of(ip), qtype, ans);
    return true;
  }

  /** A records for IPv4 addresses when asked A (or ANY), AAAA for IPv6 when asked AAAA (or ANY). */
  private static void addresses(Records r, Name owner, List<String> ips, int qtype, List<Record> out) {
    for (String ip : ips) {
      InetAddress a = parse(ip);
      if (a == null) continue;
      boolean v4 = a.getAddress().length == 4;
      if (qtype == Type.ANY || (v4 && qtype == Type.A) || (!v4 && qtype == Type.AAAA)) out.add(r.address(owner, a));
    }
  }

  /** A literal IPv4 or IPv6 address, never a host name lookup. */
  static InetAddress parse(String ip) {
    try {
      if (ip.indexOf(':') >= 0) {
        if (!ip.matches("[0-9a-fA-F:]+")) return null;
      } else if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        return null;
      } else {
        for (String part : ip.split("\\.")) if (Integer.parseInt(part) > 255) return null;
      }
      return InetAddress.getByName(ip);
    } catch (Exception e) {
      return null;
    }
  }
}
