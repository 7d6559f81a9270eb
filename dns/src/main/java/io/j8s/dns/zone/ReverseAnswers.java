package io.j8s.dns.zone;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * PTR records of the Kubernetes DNS specification: {@code d.c.b.a.in-addr.arpa.} (and the nibble
 * form under {@code ip6.arpa.}) of a ClusterIP names {@code <svc>.<ns>.svc.<domain>}, of a headless
 * Service's ready endpoint {@code <hostname or dashed address>.<svc>.<ns>.svc.<domain>}. Addresses
 * the cluster does not know are not answered here (CoreDNS's {@code fallthrough in-addr.arpa
 * ip6.arpa}): the caller forwards them.
 */
public final class ReverseAnswers {
  private ReverseAnswers() {}

  /** The authoritative answer for a reverse name of a cluster address, or null when the name is not one. */
  public static Answer answer(ClusterSnapshot snap, ZoneConfig zone, Name qname, int qtype) {
    String ip = address(qname);
    if (ip == null) return null;
    List<String> names = snap.reverse().get(ip);
    if (names == null) return null;
    Records r = new Records(zone, snap.serial());
    List<Record> ans = new ArrayList<>();
    if (qtype == Type.PTR || qtype == Type.ANY) for (String n : names) ans.add(r.ptr(qname, n));
    return new Answer(Rcode.NOERROR, ans, List.of(), List.of());
  }

  /** The address a reverse name stands for ({@link InetAddress#getHostAddress()} form), or null. */
  static String address(Name qname) {
    int n = qname.labels() - 1; // without the root label
    if (n < 3) return null;
    String arpa = qname.getLabelString(n - 1).toLowerCase(Locale.ROOT), kind = qname.getLabelString(n - 2).toLowerCase(Locale.ROOT);
    if (!arpa.equals("arpa")) return null;
    StringBuilder sb = new StringBuilder();
    if (kind.equals("in-addr") && n == 6) {
      for (int i = 3; i >= 0; i--) {
        String octet = qname.getLabelString(i);
        if (!octet.matches("0|[1-9]\\d{0,2}")) return null;
        sb.append(octet).append(i > 0 ? "." : "");
      }
    } else if (kind.equals("ip6") && n == 34) {
      for (int i = 31; i >= 0; i--) {
        String nibble = qname.getLabelString(i).toLowerCase(Locale.ROOT);
        if (!nibble.matches("[0-9a-f]")) return null;
        sb.append(nibble);
        if (i % 4 == 0 && i > 0) sb.append(':');
      }
    } else {
      return null;
    }
    InetAddress a = ClusterAnswers.parse(sb.toString());
    return a == null ? null : a.getHostAddress();
  }
}
