package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.store.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the claims match the Services, as upstream's repair controllers do: run at server
 * start and then periodically. Claims are read before Services, and an orphan is deleted only
 * if unchanged since read, so a Service created or deleted meanwhile is never wronged.
 */
final class Repair {
  private static final Logger LOG = LoggerFactory.getLogger(Repair.class);

  private final ObjectStore store;
  private final ResourceType services;
  private final Claims claims;
  private final ServiceIpRange ips;
  private final NodePortRange nodePorts;
  private final Clock clock;
  private final Duration grace;

  Repair(ObjectStore store, ResourceType services, Claims claims, ServiceIpRange ips, NodePortRange nodePorts, Clock clock,
      Duration grace) {
    this.store = store;
    this.services = services;
    this.claims = claims;
    this.ips = ips;
    this.nodePorts = nodePorts;
    this.clock = clock;
    this.grace = grace;
  }

  /** One pass; returns what it planned (and did). */
  RepairPlan run() {
    List<Claims.Claim> ipClaims = claims.list(Claims.IPS);
    List<Claims.Claim> portClaims = claims.list(Claims.PORTS);
    List<ServiceFields> all = new ArrayList<>();
    for (ObjectNode s : store.list(services, null, null, 0, 0, o -> true).items()) all.add(ServiceFields.of(s));
    RepairPlan plan = RepairPlan.of(ipClaims, portClaims, all, ips, nodePorts, clock.millis(), grace.toMillis());
    plan.warnings().forEach(w -> LOG.warn("service addressing repair: {}", w));
    for (Claims.Claim c : plan.freeIps()) if (claims.releaseIfUnchanged(Claims.IPS, c)) LOG.info("freed leaked clusterIP {}", c.value());
    for (Claims.Claim c : plan.freePorts()) if (claims.releaseIfUnchanged(Claims.PORTS, c)) LOG.info("freed leaked NodePort {}", c.value());
    for (RepairPlan.Owned o : plan.claimIps()) claimFor(Claims.IPS, o, "clusterIP");
    for (RepairPlan.Owned o : plan.claimPorts()) claimFor(Claims.PORTS, o, "NodePort");
    return plan;
  }

  private void claimFor(String prefix, RepairPlan.Owned o, String what) {
    if (claims.claim(prefix, o.value(), o.owner(), o.uid())) LOG.info("claimed {} {} of Service {}", what, o.value(), o.owner());
  }
}
