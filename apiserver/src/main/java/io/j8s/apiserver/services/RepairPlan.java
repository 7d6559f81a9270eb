package io.j8s.apiserver.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a repair pass changes, from the claims (read first) and the Services (read after):
 * claims no Service holds are freed once older than the grace period (a younger one may
 * belong to a write in flight); values Services hold without a claim are claimed for them.
 * A value held by two Services, or outside the configured ranges, is only reported.
 */
record RepairPlan(List<Claims.Claim> freeIps, List<Owned> claimIps, List<Claims.Claim> freePorts, List<Owned> claimPorts,
    List<String> warnings) {

  /** A value to claim for the Service {@code owner} ("ns/name") with this uid. */
  record Owned(String value, String owner, String uid) {}

  static RepairPlan of(List<Claims.Claim> ipClaims, List<Claims.Claim> portClaims, List<ServiceFields> services,
      ServiceIpRange ips, NodePortRange nodePorts, long nowMillis, long graceMillis) {
    List<String> warnings = new ArrayList<>();
    Map<String, ServiceFields> ipHolders = new HashMap<>();
    Map<String, ServiceFields> portHolders = new HashMap<>();
    for (ServiceFields s : services) {
      String ip = s.heldIp();
      if (ip != null) {
        if (ips.offsetOf(ip).isEmpty()) warnings.add("Service " + s.owner() + " has clusterIP " + ip + " outside " + ips.cidr());
        else hold(ipHolders, ip, s, "clusterIP", warnings);
      }
      for (int p : s.heldPorts()) {
        if (nodePorts.offsetOf(p).isEmpty()) warnings.add("Service " + s.owner() + " has NodePort " + p + " outside " + nodePorts);
        else hold(portHolders, Integer.toString(p), s, "NodePort", warnings);
      }
    }
    return new RepairPlan(orphans(ipClaims, ipHolders, nowMillis, graceMillis), missing(ipClaims, ipHolders),
        orphans(portClaims, portHolders, nowMillis, graceMillis), missing(portClaims, portHolders), List.copyOf(warnings));
  }

  private static void hold(Map<String, ServiceFields> holders, String value, ServiceFields s, String what, List<String> warnings) {
    ServiceFields other = holders.putIfAbsent(value, s);
    if (other != null && !other.uid().equals(s.uid())) {
      warnings.add(what + " " + value + " is held by both " + other.owner() + " and " + s.owner());
    }
  }

  private static List<Claims.Claim> orphans(List<Claims.Claim> claims, Map<String, ServiceFields> holders, long now, long grace) {
    List<Claims.Claim> out = new ArrayList<>();
    for (Claims.Claim c : claims) if (!holders.containsKey(c.value()) && now - c.claimedAtMillis() >= grace) out.add(c);
    return out;
  }

  private static List<Owned> missing(List<Claims.Claim> claims, Map<String, ServiceFields> holders) {
    Set<String> claimed = new HashSet<>();
    for (Claims.Claim c : claims) claimed.add(c.value());
    List<Owned> out = new ArrayList<>();
    holders.forEach((value, s) -> {
      if (!claimed.contains(value)) out.add(new Owned(value, s.owner(), s.uid()));
    });
    out.sort(java.util.Comparator.comparing(Owned::value));
    return out;
  }

  boolean empty() { return freeIps.isEmpty() && claimIps.isEmpty() && freePorts.isEmpty() && claimPorts.isEmpty(); }
}
