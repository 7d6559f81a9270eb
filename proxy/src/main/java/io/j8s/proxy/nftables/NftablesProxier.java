package io.j8s.proxy.nftables;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.nftables.Nftables;
import io.j8s.proxy.ProxyBackend;
import io.j8s.proxy.conntrack.UdpConntrackCleaner;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The nftables mode's applier: a full sync renders every Service and replaces table
 * {@code ip kube-proxy} in one transaction; a partial sync renders only the changed Services and
 * applies the difference to what the previous syncs installed ({@link NftScript#partial}), also in
 * one transaction. Until a full sync has succeeded (and after any failure) every sync is full. It
 * keeps the endpoint slot allocation between syncs (a partial sync allocates only for the changed
 * Services) and how many Services hold each shared {@code hairpin} element. After a successful
 * sync it has {@link UdpConntrackCleaner} (when given) delete the UDP flows to endpoints that went
 * away, as the iptables mode.
 */
public final class NftablesProxier implements ProxyBackend {
  public static final Nftables.Table TABLE = new Nftables.Table(NftablesRenderer.FAMILY, NftablesRenderer.TABLE);
  private final Nftables nft;
  private final NftablesConfig cfg;
  private final NftablesRenderer renderer = new NftablesRenderer();
  private final Map<ServiceRef, ServiceObjects> installed = new HashMap<>();
  private final SharedElements shared = new SharedElements();
  private final UdpConntrackCleaner conntrack;
  private ProxyState lastState = ProxyState.EMPTY;
  private SlotAllocation slots = SlotAllocation.EMPTY;
  private boolean synced;
  private String lastScript = "";
  /** Rules and chains of {@link #installed}, kept as Services come and go (a scan of 10,000 each sync costs). */
  private long rules;
  private long chains;

  public NftablesProxier(Nftables nft, NftablesConfig cfg) {
    this(nft, cfg, null);
  }

  /** With {@code conntrack} (null: none), stale UDP flows are deleted after each successful sync. */
  public NftablesProxier(Nftables nft, NftablesConfig cfg, UdpConntrackCleaner conntrack) {
    this.nft = nft;
    this.cfg = cfg;
    this.conntrack = conntrack;
  }

  @Override public String mode() {
    return "nftables";
  }

  /** The last applied transaction (tests, debugging). */
  public String lastScript() {
    return lastScript;
  }

  @Override public Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) throws HostnetException {
    if (full || !synced) {
      NftRuleset r = renderer.render(state, cfg, null, slots);
      String script = NftScript.full(cfg, r);
      synced = false;
      installed.clear();
      shared.clear();
      rules = 0;
      chains = 0;
      nft.apply(script);
      r.services().values().forEach(o -> count(o, 1));
      installed.putAll(r.services());
      shared.reset(installed);
      slots = r.slots();
      synced = true;
      lastScript = script;
    } else {
      NftRuleset r = renderer.render(state, cfg, changed, slots);
      SharedElements.Change sharedChange = shared.change(installed, r.services(), changed);
      String script = NftScript.partial(installed, r.services(), changed, sharedChange);
      try {
        if (!script.isEmpty()) nft.apply(script);
      } catch (HostnetException e) {
        synced = false;
        throw e;
      }
      shared.commit(sharedChange);
      slots = r.slots();
      for (ServiceRef ref : changed) {
        ServiceObjects o = r.services().get(ref);
        ServiceObjects old = o == null ? installed.remove(ref) : installed.put(ref, o);
        if (old != null) count(old, -1);
        if (o != null) count(o, 1);
      }
      lastScript = script;
    }
    ProxyState before = lastState;
    lastState = state;
    if (conntrack != null) conntrack.cleanup(before, state, cfg.nodeName());
    return Map.of("rules", rules, "chains", chains);
  }

  private void count(ServiceObjects o, int sign) {
    rules += sign * o.ruleCount();
    chains += sign * o.chains().size();
  }

  /** Deletes the table with everything in it. */
  @Override public void cleanup() throws HostnetException {
    nft.deleteTable(TABLE);
    installed.clear();
    shared.clear();
    rules = 0;
    chains = 0;
    slots = SlotAllocation.EMPTY;
    synced = false;
  }
}
