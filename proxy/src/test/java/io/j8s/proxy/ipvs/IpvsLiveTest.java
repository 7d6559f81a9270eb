package io.j8s.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.base.time.Clock;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.hostnet.ipset.IpsetCommand;
import io.j8s.hostnet.ipvs.IpvsadmCommand;
import io.j8s.hostnet.link.IpCommand;
import io.j8s.hostnet.sysctl.SysctlCommand;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ipvs mode on a real kernel, in a private namespace: the IPVS table, kube-ipvs0, the ip sets
 * and the iptables chains match the rendering, a ClusterIP connection reaches the backend (a
 * python3 HTTP server on 10.88.219.1:8080 in the namespace), an endpoint change is incremental, and
 * cleanup leaves nothing. Runs only where the kernel has IPVS ({@code /proc/net/ip_vs}); elsewhere
 * it reports as skipped. Test range 10.88.210-219.
 */
@Tag("integration")
class IpvsLiveTest {
  static final ProcessRunner SH = new ProcessRunner();
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  final String ns = "j8s-ipvslive-" + ProcessHandle.current().pid();
  List<String> in;
  Process backend;

  @BeforeEach void namespace() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/net/ip_vs")), "this kernel has no IPVS (/proc/net/ip_vs is missing)");
    SH.run("ip", "netns", "add", ns).orThrow();
    in = List.of("ip", "netns", "exec", ns);
    SH.run("ip", "-n", ns, "link", "set", "lo", "up").orThrow();
    SH.run("ip", "-n", ns, "addr", "add", "10.88.210.2/32", "dev", "lo").orThrow();
    SH.run("ip", "-n", ns, "addr", "add", "10.88.219.1/32", "dev", "lo").orThrow();
    backend = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-m", "http.server", "8080", "--bind", "10.88.219.1")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  @AfterEach void remove() {
    if (backend != null) backend.destroyForcibly();
    if (in != null) SH.run("ip", "netns", "del", ns);
  }

  @Test void servesAClusterIPAndCleansUp() throws Exception {
    IpvsConfig cfg = IpvsConfig.of("node-a", List.of("10.88.210.2"), "10.88.216.0/22", null);
    IpvsadmCommand ipvs = new IpvsadmCommand(in);
    IpsetCommand ipset = new IpsetCommand(in);
    IpCommand links = new IpCommand(in);
    IptablesCommand ipt = new IptablesCommand(in);
    IpvsProxier proxier = new IpvsProxier(ipvs, ipset, links, ipt, new SysctlCommand(in), cfg, Clock.system());
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withNodePort(30080);
    ProxyState state = ProxyState.of(Map.of(WEB, p), Map.of(WEB, List.of(Endpoint.ready("10.88.219.1", 8080, "node-a"))));
    proxier.sync(state, Set.of(), true);

    assertThat(ipvs.read()).isEqualTo(proxier.last().ipvs());
    assertThat(links.addresses(IpvsConfig.DUMMY_DEVICE)).containsExactly("10.88.214.10/32");
    assertThat(ipset.list().get("KUBE-CLUSTER-IP").entries()).containsExactly("10.88.214.10,tcp:80");
    assertThat(ipt.save(Table.NAT)).contains(":KUBE-SERVICES", "KUBE-CLUSTER-IP");
    String fetch = "import urllib.request,sys;print(urllib.request.urlopen(sys.argv[1],timeout=10).status)";
    ProcessResult r = null;
    for (int i = 0; i < 50 && (r == null || !r.ok()); i++) {
      if (i > 0) Thread.sleep(200); // the backend may still be starting
      r = SH.run("ip", "netns", "exec", ns, "python3", "-c", fetch, "http://10.88.214.10:80/");
    }
    assertThat(r.stdout().strip()).isEqualTo("200");

    ProxyState moved = ProxyState.of(Map.of(WEB, p), Map.of(WEB, List.of(Endpoint.ready("10.88.219.2", 8080, "node-b"))));
    proxier.sync(moved, Set.of(WEB.service()), false);
    assertThat(proxier.lastOps()).extracting(op -> op.line()).contains("-a -t 10.88.214.10:80 -r 10.88.219.2:8080 -m -w 1",
        "-e -t 10.88.214.10:80 -r 10.88.219.1:8080 -m -w 0");
    assertThat(ipvs.read().withoutQuiesced()).isEqualTo(proxier.last().ipvs());

    proxier.cleanup();
    assertThat(ipvs.read().services()).isEmpty();
    assertThat(links.link(IpvsConfig.DUMMY_DEVICE)).isEmpty();
    assertThat(ipset.list().keySet()).doesNotContainAnyElementsOf(KubeIpsets.names());
    assertThat(ipt.save(Table.NAT)).doesNotContain("KUBE-SERVICES");
  }
}
