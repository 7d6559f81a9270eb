package io.j8s.proxy.ipvs;

import io.j8s.hostnet.ipvs.IpvsOp;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RealServer;
import io.j8s.hostnet.ipvs.VirtualServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operations that turn the current IPVS table into the desired one without touching what
 * stays: a new virtual server is added with its real servers; a changed scheduler or persistence is
 * edited in place; real servers are added, re-weighted or removed one by one, so open connections to
 * unchanged destinations are kept. A removed TCP destination is first quiesced (weight 0: no new
 * connections, open ones finish, as upstream's graceful termination) and deleted only once
 * {@code drainable} names it; UDP and SCTP ones are deleted at once (as upstream). Virtual servers
 * that are not desired are deleted (the proxy owns the table, as upstream). Pure.
 */
public final class IpvsDiff {
  /** The operations and the table they leave: the desired one plus destinations still draining. */
  public record Plan(List<IpvsOp> ops, IpvsTable after) {}

  private IpvsDiff() {}

  /** Key of a destination within the table: {@code TCP 10.43.0.1:443/10.42.0.5:6443}. */
  public static String destKey(VirtualServer vs, RealServer r) {
    return vs.key() + "/" + r.key();
  }

  public static Plan diff(IpvsTable current, IpvsTable desired, Set<String> drainable) {
    List<IpvsOp> ops = new ArrayList<>();
    List<IpvsTable.Service> after = new ArrayList<>();
    for (IpvsTable.Service want : desired.services().values()) {
      VirtualServer vs = want.server();
      IpvsTable.Service have = current.services().get(vs.key());
      if (have == null) {
        ops.add(new IpvsOp.AddService(vs));
        for (RealServer r : want.destinations().values()) ops.add(new IpvsOp.AddServer(vs, r));
        after.add(want);
        continue;
      }
      if (!have.server().equals(vs)) ops.add(new IpvsOp.EditService(vs));
      for (RealServer r : want.destinations().values()) {
        RealServer old = have.destinations().get(r.key());
        if (old == null) ops.add(new IpvsOp.AddServer(vs, r));
        else if (old.weight() != r.weight()) ops.add(new IpvsOp.EditServer(vs, r));
      }
      TreeMap<String, RealServer> draining = null;
      for (RealServer old : have.destinations().values()) {
        if (want.destinations().containsKey(old.key())) continue;
        if (vs.protocol() != VirtualServer.Protocol.TCP || (old.weight() == 0 && drainable.contains(destKey(vs, old)))) {
          ops.add(new IpvsOp.DeleteServer(vs, old));
        } else {
          if (old.weight() != 0) ops.add(new IpvsOp.EditServer(vs, old.withWeight(0)));
          if (draining == null) draining = new TreeMap<>(want.destinations());
          draining.put(old.key(), old.withWeight(0));
        }
      }
      after.add(draining == null ? want : new IpvsTable.Service(vs, draining));
    }
    for (IpvsTable.Service have : current.services().values()) {
      if (!desired.services().containsKey(have.server().key())) ops.add(new IpvsOp.DeleteService(have.server()));
    }
    return new Plan(List.copyOf(ops), IpvsTable.of(after));
  }
}
