package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.WriteHook;
import io.j8s.storage.StorageException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-path hook for Services: plans with {@link AddressPlan}, claims what the plan asks
 * for (explicit values must be free; dynamic ones are picked from a fresh listing of the
 * claims and taken with create-if-absent, retrying on a lost race), fills the object, and
 * afterwards either releases what the old object no longer holds (stored) or gives back what
 * this write claimed (not stored), so a failed write leaves no claim behind.
 */
final class ServiceAllocator implements WriteHook {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAllocator.class);
  private static final int ATTEMPTS = 64;

  private final ServiceIpRange ips;
  private final NodePortRange nodePorts;
  private final Claims claims;
  private final RandomGenerator random;

  ServiceAllocator(ServiceIpRange ips, NodePortRange nodePorts, Claims claims, RandomGenerator random) {
    this.ips = ips;
    this.nodePorts = nodePorts;
    this.claims = claims;
    this.random = random;
  }

  static boolean isService(ResourceType t) { return t.group().isEmpty() && t.kind().equals("Service"); }

  @Override public boolean appliesTo(ResourceType t) { return isService(t); }

  @Override public void prepareUpdate(ResourceType t, ObjectNode next, ObjectNode current) {
    if (isService(t)) UpdatePrep.apply(next, current);
  }

  @Override public Finish claim(ResourceType t, ObjectNode next, ObjectNode old, boolean dryRun) {
    if (!isService(t)) return Finish.NOTHING;
    ServiceFields svc = ServiceFields.of(next);
    AddressPlan plan = AddressPlan.of(svc, old == null ? null : ServiceFields.of(old), ips, nodePorts);
    if (!plan.problems().isEmpty()) throw invalid(svc, plan.problems());
    Txn txn = new Txn(svc, dryRun);
    try {
      fill(next, svc, plan, txn);
    } catch (RuntimeException | Error e) {
      txn.undo();
      throw e;
    }
    if (dryRun) return Finish.NOTHING;
    return stored -> {
      if (!stored) {
        txn.undo();
        return;
      }
      for (String ip : plan.releaseIps()) releaseOwned(Claims.IPS, ip, svc.uid());
      for (int p : plan.releasePorts()) releaseOwned(Claims.PORTS, Integer.toString(p), svc.uid());
    };
  }

  @Override public void deleted(ResourceType t, ObjectNode last) {
    if (!isService(t)) return;
    ServiceFields svc = ServiceFields.of(last);
    if (svc.heldIp() != null) releaseOwned(Claims.IPS, svc.heldIp(), svc.uid());
    for (int p : svc.heldPorts()) releaseOwned(Claims.PORTS, Integer.toString(p), svc.uid());
  }

  /** Releases a claim unless another Service (another uid) holds it. */
  private void releaseOwned(String prefix, String value, String uid) {
    try {
      claims.get(prefix, value).filter(c -> c.uid().isEmpty() || c.uid().equals(uid))
          .ifPresent(c -> claims.releaseIfUnchanged(prefix, c));
    } catch (StorageException e) {
      LOG.warn("could not release {}{} (the repair pass will): {}", prefix, value, e.getMessage());
    }
  }

  private void fill(ObjectNode obj, ServiceFields svc, AddressPlan plan, Txn txn) {
    ObjectNode spec = obj.with("spec");
    switch (plan.ip()) {
      case Want.Keep k -> setIp(spec, k.value());
      case Want.Explicit e -> {
        if (!txn.claim(Claims.IPS, e.value())) {
          throw invalid(svc, List.of(Problem.ipAllocated(svc.clusterIps().isEmpty() ? List.of(e.value()) : svc.clusterIps(), e.value())));
        }
        setIp(spec, e.value());
      }
      case Want.Dynamic d -> setIp(spec, next(Claims.IPS, ips.offsets(), ips::ip, txn, "serviceIP"));
      default -> {
        if (svc.needsClusterIp() && svc.headless()) {
          spec.put("clusterIP", "None");
          spec.putArray("clusterIPs").add("None");
        }
      }
    }
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < plan.ports().size(); i++) {
      ObjectNode port = (ObjectNode) spec.withArray("ports").get(i);
      Integer value = switch (plan.ports().get(i)) {
        case Want.Keep k -> Integer.valueOf(k.value());
        case Want.Explicit e -> {
          if (!txn.claim(Claims.PORTS, e.value())) {
            throw invalid(svc, List.of(Problem.portAllocated("spec.ports[" + i + "].nodePort", Integer.parseInt(e.value()))));
          }
          yield Integer.valueOf(e.value());
        }
        case Want.Dynamic d -> Integer.valueOf(next(Claims.PORTS, nodePorts.offsets(), o -> Integer.toString(nodePorts.port(o)), txn, "nodePort"));
        case Want.SameAs s -> chosen.get(s.index());
        default -> null;
      };
      chosen.add(value);
      if (value != null) port.put("nodePort", value);
    }
    switch (plan.healthCheck()) {
      case Want.Explicit e -> {
        if (!txn.claim(Claims.PORTS, e.value())) {
          throw invalid(svc, List.of(Problem.portAllocated("spec.healthCheckNodePort", Integer.parseInt(e.value()))));
        }
      }
      case Want.Dynamic d -> spec.put("healthCheckNodePort",
          Integer.parseInt(next(Claims.PORTS, nodePorts.offsets(), o -> Integer.toString(nodePorts.port(o)), txn, "nodePort")));
      default -> { }
    }
  }

  private static void setIp(ObjectNode spec, String ip) {
    spec.put("clusterIP", ip);
    ArrayNode a = spec.putArray("clusterIPs");
    a.add(ip);
  }

  /** A free value from the upper band first: list the claims, pick, claim; a lost race marks it and picks again. */
  private String next(String prefix, BandedRange range, IntFunction<String> valueAt, Txn txn, String what) {
    for (int round = 0; round < 4; round++) {
      BitSet taken = new BitSet(range.size());
      for (Claims.Claim c : claims.list(prefix)) {
        OptionalInt o = offsetOf(prefix, c.value());
        if (o.isPresent()) taken.set(o.getAsInt());
      }
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        OptionalInt o = range.pick(taken, random);
        if (o.isEmpty()) throw ApiException.internal("failed to allocate a " + what + ": range is full");
        String value = valueAt.apply(o.getAsInt());
        if (txn.claim(prefix, value)) return value;
        taken.set(o.getAsInt());
      }
    }
    throw ApiException.internal("failed to allocate a " + what + ": too many concurrent allocations, try again");
  }

  private OptionalInt offsetOf(String prefix, String value) {
    if (prefix.equals(Claims.IPS)) return ips.offsetOf(value);
    try {
      return nodePorts.offsetOf(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  static ApiException invalid(ServiceFields svc, List<Problem> problems) {
    return ApiException.invalid("", "Service", svc.name(),
        problems.stream().map(p -> new ApiException.Cause(p.reason(), p.message(), p.field())).toList());
  }

  /** The claims one write made; a dry run only checks that explicit values are free. */
  private final class Txn {
    private final ServiceFields owner;
    private final boolean dryRun;
    private final List<String> made = new ArrayList<>();

    Txn(ServiceFields owner, boolean dryRun) {
      this.owner = owner;
      this.dryRun = dryRun;
    }

    boolean claim(String prefix, String value) {
      if (dryRun) return !claims.taken(prefix, value);
      if (!claims.claim(prefix, value, owner.owner(), owner.uid())) return false;
      made.add(prefix + value);
      return true;
    }

    void undo() {
      for (String key : made) {
        int slash = key.lastIndexOf('/') + 1;
        try {
          claims.release(key.substring(0, slash), key.substring(slash));
        } catch (StorageException e) {
          LOG.warn("could not release {} (the repair pass will): {}", key, e.getMessage());
        }
      }
      made.clear();
    }
  }
}
