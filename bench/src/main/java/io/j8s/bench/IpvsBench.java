package io.j8s.bench;

import io.j8s.base.time.Clock;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.hostnet.ipset.IpsetCommand;
import io.j8s.hostnet.ipvs.IpvsSave;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RecordingIpvs;
import io.j8s.hostnet.link.RecordingLinks;
import io.j8s.hostnet.sysctl.RecordingSysctl;
import io.j8s.proxy.ipvs.IpvsConfig;
import io.j8s.proxy.ipvs.IpvsDesired;
import io.j8s.proxy.ipvs.IpvsDiff;
import io.j8s.proxy.ipvs.IpvsProxier;
import io.j8s.proxy.ipvs.IpvsRenderer;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ipvs mode benchmark for a kernel without IPVS (this machine's), in the network namespace it runs
 * in (./j8s bench ipvs runs it in a private one): N Services x 10 endpoints, each with a NodePort.
 * The IPVS side goes to the in-memory fake (there is no kernel table to write here), the ip sets
 * and iptables chains to the real {@code ipset restore} and {@code iptables-restore}, kube-ipvs0's
 * addresses to the fake (no dummy driver here). Prints: pure render, render + diff of the IPVS table,
 * the ipvsadm script a full sync would send, a full sync (real ipset + iptables, fake IPVS), and one
 * endpoint change (median of 7, the operations it sends). What is missing for a real figure is
 * ipvsadm's own time, on a kernel with IPVS.
 *
 * <p>Usage: {@code IpvsBench [--sizes 1000,5000,10000]}.
 */
public final class IpvsBench {
  static final IpvsConfig CFG = IpvsConfig.of("node", List.of("10.88.210.2"), "10.88.216.0/22", null);

  public static void main(String[] args) throws Exception {
    int[] sizes = {1000, 5000, 10000};
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--sizes")) sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
    }
    System.out.printf(Locale.ROOT, "%-9s %8s %9s %11s %15s %11s %13s %14s %10s%n", "services", "virtual", "real", "render ms",
        "render+diff ms", "ipvsadm KiB", "full sync ms", "1 endpoint ms", "1 ep ops");
    for (int n : sizes) {
      ProxyState state = state(n, 10, null);
      long t0 = System.nanoTime();
      IpvsDesired d = IpvsRenderer.render(state, CFG);
      long render = System.nanoTime() - t0;
      t0 = System.nanoTime();
      IpvsDiff.Plan plan = IpvsDiff.diff(IpvsTable.EMPTY, IpvsRenderer.render(state, CFG).ipvs(), Set.of());
      long renderDiff = System.nanoTime() - t0;
      int kib = plan.ops().stream().mapToInt(op -> op.line().length() + 1).sum() / 1024;

      RecordingIpvs ipvs = new RecordingIpvs();
      IpvsProxier proxier = new IpvsProxier(ipvs, new IpsetCommand(), new RecordingLinks(), new IptablesCommand(), new RecordingSysctl(),
          CFG, Clock.system());
      t0 = System.nanoTime();
      proxier.sync(state, Set.of(), true);
      long full = System.nanoTime() - t0;
      long[] partial = new long[7];
      int ops = 0;
      for (int k = 0; k < partial.length; k++) {
        ProxyState changed = state(n, 10, "s" + (k * 37 % n));
        t0 = System.nanoTime();
        proxier.sync(changed, Set.of(new ServiceRef("bench", "s" + (k * 37 % n))), false);
        partial[k] = System.nanoTime() - t0;
        ops = proxier.lastOps().size();
        proxier.sync(state, Set.of(), false);
      }
      if (!ipvs.read().withoutQuiesced().equals(proxier.last().ipvs())) throw new IllegalStateException("fake table differs");
      System.out.printf(Locale.ROOT, "%-9d %8d %9d %11.1f %15.1f %11d %13.1f %14.1f %10d%n", n, d.ipvs().services().size(),
          d.ipvs().realServerCount(), render / 1e6, renderDiff / 1e6, kib, full / 1e6, median(partial) / 1e6, ops);
      proxier.cleanup();
      if (IpvsSave.format(ipvs.read()).length() != 0) throw new IllegalStateException("cleanup left virtual servers");
    }
  }

  static long median(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  /**
   * N Services with a NodePort and 10 endpoints each, addresses only in the test range 10.88.210-219
   * (ClusterIPs in 10.88.212-215 with port 80 + i / 1000, endpoints in 10.88.216-219 on ports 8080+);
   * {@code changed} has its last endpoint moved to another port.
   */
  static ProxyState state(int n, int eps, String changed) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> endpoints = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ServicePortName name = ServicePortName.of("bench", "s" + i, "http", "TCP");
      String ip = "10.88." + (212 + i % 4) + "." + (i / 4 % 250 + 1);
      svcs.put(name, ServicePort.clusterIP(name, ip, 80 + i / 1000).withNodePort(20000 + i));
      List<Endpoint> list = new ArrayList<>();
      for (int e = 0; e < eps; e++) {
        int port = ("s" + i).equals(changed) && e == eps - 1 ? 9999 : 8080 + e;
        list.add(Endpoint.ready("10.88." + (216 + e % 4) + "." + (i % 250 + 1), port, "other"));
      }
      endpoints.put(name, list);
    }
    return ProxyState.of(svcs, endpoints);
  }
}
