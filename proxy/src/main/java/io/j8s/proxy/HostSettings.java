package io.j8s.proxy;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.sysctl.Sysctl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel parameters a proxy mode relies on: {@code route_localnet} so iptables NodePorts
 * answer on 127.0.0.1 (as upstream sets it), and {@code bridge-nf-call-iptables} so traffic
 * between pods on one bridge passes the netfilter hooks where Service DNAT and hairpin masquerade
 * happen (needs the br_netfilter module). A parameter that cannot be set is reported, not fatal.
 */
final class HostSettings {
  private HostSettings() {}

  static Map<String, String> wanted(ProxyMode mode) {
    Map<String, String> m = new LinkedHashMap<>();
    if (mode == ProxyMode.IPTABLES) m.put("net.ipv4.conf.all.route_localnet", "1");
    m.put("net.bridge.bridge-nf-call-iptables", "1");
    return m;
  }

  /** Sets what {@code mode} wants; returns one warning per parameter that could not be set, naming what stops working. */
  static List<String> apply(Sysctl sysctl, ProxyMode mode) {
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, String> e : wanted(mode).entrySet()) {
      try {
        sysctl.ensure(e.getKey(), e.getValue());
      } catch (HostnetException ex) {
        warnings.add("could not set " + e.getKey() + "=" + e.getValue() + " (" + ex.getMessage() + "): "
            + (e.getKey().contains("route_localnet") ? "NodePorts will not answer on 127.0.0.1"
                : "pods will not reach Services whose endpoints share their bridge (load br_netfilter: modprobe br_netfilter)"));
      }
    }
    return warnings;
  }
}
