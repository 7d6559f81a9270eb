package io.j8s.proxy.iptables;

import io.j8s.proxy.state.ServiceRef;
import java.util.Map;
import java.util.Set;

/**
 * A rendered sync: the {@code iptables-restore --noflush} payload (filter and nat), the rules it
 * writes per table, the per-service chains that are active afterwards (those written plus, in a
 * partial sync, those of unchanged services, left as they are), the nat rules in each rendered
 * Service's own chains (for total counts across partial syncs) and the stale chains it deletes.
 */
public record IptablesRuleset(String payload, long filterRules, long natRules, Set<String> activeChains,
    Map<ServiceRef, Integer> serviceNatRules, Set<String> deletedChains) {}
