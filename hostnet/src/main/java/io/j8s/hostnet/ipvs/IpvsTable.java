package io.j8s.hostnet.ipvs;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The IPVS table as one immutable value: virtual services by {@link VirtualServer#key()}, each with
 * its real servers by {@link RealServer#key()} (sorted, so equal tables print alike).
 */
public record IpvsTable(SortedMap<String, Service> services) {
  public static final IpvsTable EMPTY = new IpvsTable(new TreeMap<>());

  /** A virtual service with its destinations. */
  public record Service(VirtualServer server, SortedMap<String, RealServer> destinations) {
    public Service {
      destinations = Collections.unmodifiableSortedMap(new TreeMap<>(destinations));
    }

    public static Service of(VirtualServer server, Iterable<RealServer> destinations) {
      TreeMap<String, RealServer> d = new TreeMap<>();
      for (RealServer r : destinations) d.put(r.key(), r);
      return new Service(server, d);
    }
  }

  public IpvsTable {
    services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
  }

  public static IpvsTable of(Iterable<Service> services) {
    TreeMap<String, Service> m = new TreeMap<>();
    for (Service s : services) m.put(s.server().key(), s);
    return new IpvsTable(m);
  }

  public int realServerCount() {
    return services.values().stream().mapToInt(s -> s.destinations().size()).sum();
  }

  /** The same table without quiesced destinations (weight 0). */
  public IpvsTable withoutQuiesced() {
    TreeMap<String, Service> m = new TreeMap<>();
    for (Map.Entry<String, Service> e : services.entrySet()) {
      TreeMap<String, RealServer> d = new TreeMap<>(e.getValue().destinations());
      d.values().removeIf(r -> r.weight() == 0);
      m.put(e.getKey(), new Service(e.getValue().server(), d));
    }
    return new IpvsTable(m);
  }
}
