package io.j8s.network.policy;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.conntrack.Conntrack;
import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.hostnet.nftables.Nftables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Makes the host enforce the local pods' policies: renders them ({@link PolicyRenderer}), replaces
 * table {@code inet j8s-netpol} in one {@code nft -f} transaction when the text changed, then cuts
 * the tracked flows of every pod whose allowed set shrank (newly isolated, or a peer or port
 * gone): for egress the flows it started, for ingress the flows it answers. Still-allowed TCP
 * connections survive the cut: their next packet is picked up mid-stream by conntrack (loose
 * pickup, the kernel's default) as a new flow, which the new rules accept; a forbidden one is
 * dropped from then on. Before the first success (and after a failure) it re-applies whatever the
 * text.
 */
public final class PolicyApplier {
  public static final Nftables.Table TABLE = new Nftables.Table(PolicyTable.FAMILY, PolicyTable.NAME);
  private final Nftables nft;
  private final Conntrack conntrack;
  private SortedMap<String, PodPolicy> installed = new TreeMap<>();
  private String lastScript;

  /** What one round did: whether the table was written, its size, the flow filters used to cut. */
  public record Result(boolean written, int chains, long rules, List<FlowFilter> cuts, List<String> failures) {}

  public PolicyApplier(Nftables nft, Conntrack conntrack) {
    this.nft = nft;
    this.conntrack = conntrack;
  }

  public Result apply(SortedMap<String, PodPolicy> desired) throws HostnetException {
    return apply(desired, ServicePath.KERNEL);
  }

  /** As {@link #apply(SortedMap)}, for the way this node's proxy reaches Service endpoints. */
  public synchronized Result apply(SortedMap<String, PodPolicy> desired, ServicePath path) throws HostnetException {
    PolicyTable table = PolicyRenderer.render(desired.values(), path);
    String script = table.script();
    boolean write = !script.equals(lastScript);
    if (write) {
      lastScript = null;
      nft.apply(script);
      lastScript = script;
    }
    List<FlowFilter> cuts = cuts(installed, desired);
    installed = new TreeMap<>(desired);
    List<String> failures = new ArrayList<>();
    for (FlowFilter f : cuts) {
      try {
        conntrack.delete(f);
      } catch (HostnetException e) {
        failures.add(String.join(" ", f.args()) + ": " + e.getMessage());
      }
    }
    return new Result(write, table.chains().size(), table.ruleCount(), cuts, failures);
  }

  /** The flows to delete going from {@code before} to {@code after}: per pod whose ingress or egress shrank (pure). */
  static List<FlowFilter> cuts(Map<String, PodPolicy> before, Map<String, PodPolicy> after) {
    List<FlowFilter> out = new ArrayList<>();
    for (PodPolicy now : after.values()) {
      PodPolicy was = before.get(now.key());
      boolean sameIp = was != null && was.ip().equals(now.ip());
      Optional<Allowed> in = sameIp ? was.ingress() : Optional.empty();
      Optional<Allowed> eg = sameIp ? was.egress() : Optional.empty();
      if (PodPolicy.shrank(in, now.ingress())) out.add(FlowFilter.answeredBy(now.ip()));
      if (PodPolicy.shrank(eg, now.egress())) out.add(FlowFilter.from(now.ip()));
    }
    return out;
  }

  /** Deletes the table (nothing is enforced any more). */
  public synchronized void cleanup() throws HostnetException {
    nft.deleteTable(TABLE);
    installed = new TreeMap<>();
    lastScript = null;
  }
}
