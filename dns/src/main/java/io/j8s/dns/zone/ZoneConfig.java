package io.j8s.dns.zone;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The served zone.
 *
 * @param domain the cluster domain, absolute ({@code cluster.local.})
 * @param ttl    seconds, for answers and the SOA minimum (CoreDNS's kubernetes plugin: 5)
 * @param dnsIp  the cluster DNS Service IP, the address of {@code ns.dns.<domain>}; null: unknown
 */
public record ZoneConfig(Name domain, long ttl, String dnsIp) {
  public static final long DEFAULT_TTL = 5;

  public ZoneConfig {
    if (!domain.isAbsolute()) throw new IllegalArgumentException("domain must be absolute: " + domain);
  }

  public static ZoneConfig of(String domain, String dnsIp) {
    try {
      return new ZoneConfig(Name.fromString(domain.endsWith(".") ? domain : domain + "."), DEFAULT_TTL, dnsIp);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("cluster domain '" + domain + "': " + e.getMessage(), e);
    }
  }

  /** Whether {@code name} is the domain or below it (case-insensitive). */
  public boolean contains(Name name) {
    return name.subdomain(domain);
  }
}
