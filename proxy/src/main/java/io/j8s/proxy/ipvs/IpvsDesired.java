package io.j8s.proxy.ipvs;

import io.j8s.hostnet.ipset.IpSet;
import io.j8s.hostnet.ipvs.IpvsTable;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything the ipvs mode wants on the host, as one value: the IPVS table, the addresses on
 * {@code kube-ipvs0} ({@code 10.43.0.1/32}), every KUBE- IP set with its entries, and the
 * {@code iptables-restore --noflush} payload of its chains.
 */
public record IpvsDesired(IpvsTable ipvs, SortedSet<String> addresses, List<IpSet> sets, String iptables) {
  public IpvsDesired {
    addresses = Collections.unmodifiableSortedSet(new TreeSet<>(addresses));
    sets = List.copyOf(sets);
  }

  public IpSet set(KubeIpsets s) {
    return sets.stream().filter(x -> x.name().equals(s.setName())).findFirst().orElseThrow();
  }

  public long ipsetEntries() {
    return sets.stream().mapToLong(s -> s.entries().size()).sum();
  }
}
