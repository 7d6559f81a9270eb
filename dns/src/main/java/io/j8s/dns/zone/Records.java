package io.j8s.dns.zone;

import io.j8s.dns.zone.ClusterSnapshot.EndpointEntry;
import io.j8s.dns.zone.ClusterSnapshot.ServiceEntry;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/** Record constructors for one zone and TTL. */
final class Records {
  private final ZoneConfig zone;
  private final long serial;

  Records(ZoneConfig zone, long serial) {
    this.zone = zone;
    this.serial = serial;
  }

  /** As CoreDNS: {@code ns.dns.<zone>. hostmaster.<zone>.}, refresh 7200, retry 1800, expire 86400, minimum = TTL. */
  Record soa() {
    return new SOARecord(zone.domain(), DClass.IN, zone.ttl(), nsName(), name("hostmaster"), serial & 0xffffffffL, 7200, 1800, 86400,
        zone.ttl());
  }

  Record ns() {
    return new NSRecord(zone.domain(), DClass.IN, zone.ttl(), nsName());
  }

  Name nsName() { return name("ns.dns"); }

  Name serviceName(ServiceEntry s) {
    return name(s.name() + "." + s.namespace() + ".svc");
  }

  Name endpointName(ServiceEntry s, EndpointEntry e) {
    return name(e.label() + "." + s.name() + "." + s.namespace() + ".svc");
  }

  Record address(Name owner, String ip) {
    return address(owner, ClusterAnswers.parse(ip));
  }

  Record address(Name owner, InetAddress a) {
    return a instanceof Inet4Address ? new ARecord(owner, DClass.IN, zone.ttl(), a) : new AAAARecord(owner, DClass.IN, zone.ttl(), a);
  }

  Record srv(Name owner, int weight, int port, Name target) {
    return new SRVRecord(owner, DClass.IN, zone.ttl(), 0, weight, port, target);
  }

  Record cname(Name owner, String target) {
    return new CNAMERecord(owner, DClass.IN, zone.ttl(), absolute(target));
  }

  /** A PTR from a reverse name to {@code relative} (below the domain). */
  Record ptr(Name owner, String relative) {
    return new PTRRecord(owner, DClass.IN, zone.ttl(), name(relative));
  }

  Record txt(Name owner, String text) {
    return new TXTRecord(owner, DClass.IN, zone.ttl(), text);
  }

  private Name name(String relative) {
    try {
      return Name.concatenate(Name.fromString(relative), zone.domain());
    } catch (Exception e) {
      throw new IllegalArgumentException("bad name " + relative + ": " + e.getMessage(), e);
    }
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad name " + name + ": " + e.getMessage(), e);
    }
  }
}
