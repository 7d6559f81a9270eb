package io.j8s.proxy.nftables;

import io.j8s.proxy.state.ServiceRef;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rendered objects of each Service (see {@link ServiceObjects}) and the endpoint slot
 * allocation they were rendered with; the base objects are fixed per config.
 */
public record NftRuleset(SortedMap<ServiceRef, ServiceObjects> services, SlotAllocation slots) {
  public NftRuleset {
    services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
  }

  public ServiceObjects of(ServiceRef ref) {
    return services.getOrDefault(ref, ServiceObjects.NONE);
  }

  public long ruleCount() {
    return services.values().stream().mapToLong(ServiceObjects::ruleCount).sum();
  }
}
