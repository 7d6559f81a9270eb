package io.j8s.hostnet.ipvs;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An in-memory {@link Ipvs} that keeps the table as the kernel would and fails as ipvsadm does:
 * adding an existing service or destination, editing or deleting a missing one, a destination of a
 * missing service, an unknown scheduler. Operations apply in order and stop at the first error
 * (those before it stay, as {@code ipvsadm -R}). Every applied operation is recorded. Thread-safe.
 */
public final class RecordingIpvs implements Ipvs {
  private final TreeMap<String, VirtualServer> servers = new TreeMap<>();
  private final TreeMap<String, TreeMap<String, RealServer>> dests = new TreeMap<>();
  private final List<IpvsOp> applied = new ArrayList<>();
  private final TreeMap<String, Integer> connections = new TreeMap<>();
  private HostnetException nextFailure;

  public synchronized void failNextApply(String message) {
    nextFailure = new HostnetException(message);
  }

  /** Every operation applied so far, in order. */
  public synchronized List<IpvsOp> applied() {
    return List.copyOf(applied);
  }

  public synchronized void clearApplied() {
    applied.clear();
  }

  /** Sets a destination's connection count ({@code TCP 10.43.0.1:443/10.42.0.5:6443}); 0 by default. */
  public synchronized void setConnections(String destKey, int count) {
    connections.put(destKey, count);
  }

  /** Counts for the destinations that exist (0 unless set). */
  @Override public synchronized java.util.Map<String, Integer> connections() {
    TreeMap<String, Integer> out = new TreeMap<>();
    dests.forEach((vs, m) -> m.keySet().forEach(r -> out.put(vs + "/" + r, connections.getOrDefault(vs + "/" + r, 0))));
    return out;
  }

  /** {@code ipvsadm-save -n} output of the current table. */
  public synchronized String save() {
    return IpvsSave.format(read());
  }

  @Override public synchronized IpvsTable read() {
    List<IpvsTable.Service> out = new ArrayList<>();
    servers.forEach((k, vs) -> out.add(IpvsTable.Service.of(vs, dests.get(k).values())));
    return IpvsTable.of(out);
  }

  @Override public synchronized void apply(List<IpvsOp> ops) throws HostnetException {
    if (nextFailure != null) {
      HostnetException e = nextFailure;
      nextFailure = null;
      throw e;
    }
    for (IpvsOp op : ops) {
      step(op);
      applied.add(op);
    }
  }

  private void step(IpvsOp op) throws HostnetException {
    switch (op) {
      case IpvsOp.AddService a -> {
        scheduler(a.server());
        if (servers.containsKey(a.server().key())) throw error(op, "Service already exists");
        servers.put(a.server().key(), a.server());
        dests.put(a.server().key(), new TreeMap<>());
      }
      case IpvsOp.EditService e -> {
        scheduler(e.server());
        service(op, e.server());
        servers.put(e.server().key(), e.server());
      }
      case IpvsOp.DeleteService d -> {
        service(op, d.server());
        servers.remove(d.server().key());
        dests.remove(d.server().key());
      }
      case IpvsOp.AddServer a -> {
        TreeMap<String, RealServer> m = service(op, a.server());
        if (m.containsKey(a.real().key())) throw error(op, "Destination already exists");
        m.put(a.real().key(), a.real());
      }
      case IpvsOp.EditServer e -> {
        TreeMap<String, RealServer> m = service(op, e.server());
        if (!m.containsKey(e.real().key())) throw error(op, "No such destination");
        m.put(e.real().key(), e.real());
      }
      case IpvsOp.DeleteServer d -> {
        TreeMap<String, RealServer> m = service(op, d.server());
        if (m.remove(d.real().key()) == null) throw error(op, "No such destination");
      }
    }
  }

  private TreeMap<String, RealServer> service(IpvsOp op, VirtualServer vs) throws HostnetException {
    TreeMap<String, RealServer> m = dests.get(vs.key());
    if (m == null) throw error(op, "No such service");
    return m;
  }

  private static void scheduler(VirtualServer vs) throws HostnetException {
    if (!VirtualServer.SCHEDULERS.contains(vs.scheduler())) throw new HostnetException("Scheduler not found: ip_vs_" + vs.scheduler() + ".ko");
  }

  private static HostnetException error(IpvsOp op, String message) {
    return new HostnetException("ipvsadm: " + op.line() + ": " + message);
  }
}
