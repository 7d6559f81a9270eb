package io.j8s.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.api.status.Readiness;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.testkit.netns.NetnsLan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pod-to-pod TCP throughput with iperf3 (Debian's; the busybox image has none, so it runs from the
 * host side inside the pods' network namespaces with {@code nsenter -t <pid> -n}). The physical
 * limit: iperf3 between two plain namespaces joined by a bridge the same way (veth, bridge, veth),
 * no j8s. Then per backend a cluster of three namespace hosts on such a bridge (a {@code j8s server
 * --disable-agent}, two {@code j8s agent}s): same-node (two pods on one node, through cni0) and
 * cross-node, and the raw path between the two node namespaces in the same run, against which that
 * run's figures are given (a loaded machine moves all of them together), and a replica of the
 * cross-node path without j8s ({@link #replica}), against which cross-node is given too. Each figure
 * is the best of {@code --runs} iperf3 runs of {@code --seconds} seconds.
 *
 * <p>Usage: {@code NetBench [--seconds 8] [--runs 5] [--backends host-gw,vxlan]}.
 */
public final class NetBench {
  static final String CLUSTER = "10.88.220.0/22";
  static final ProcessRunner SH = new ProcessRunner().timeout(Duration.ofMinutes(2));
  int seconds = 8;
  int runs = 5;
  List<String> backends = List.of("host-gw", "vxlan");

  public static void main(String[] args) throws Exception {
    NetBench b = new NetBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> b.seconds = Integer.parseInt(args[++i]);
        case "--runs" -> b.runs = Integer.parseInt(args[++i]);
        case "--backends" -> b.backends = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --seconds N --runs N --backends host-gw,vxlan");
      }
    }
    b.run();
    System.exit(0);
  }

  void run() throws Exception {
    Map<String, Double> gbps = new LinkedHashMap<>();
    try (NetnsLan lan = new NetnsLan("nbraw", "172.31.211")) {
      String r1 = lan.addHost("r1", 1);
      lan.addHost("r2", 2);
      gbps.put("raw veth/bridge (no j8s)", best(List.of("ip", "netns", "exec", lan.namespace("r1")),
          List.of("ip", "netns", "exec", lan.namespace("r2")), r1));
    }
    for (String backend : backends) gbps.putAll(cluster(backend));
    // each figure against the raw path measured in the same cluster's run (same load), else the first one
    // and cross-node against the same run's forwarded replica of its path
    System.out.printf("%n%-44s %8s %10s %14s   %s%n", "pod-to-pod TCP (iperf3, 1 stream)", "Gbit/s", "% of raw", "% of replica", "target");
    double raw = gbps.values().iterator().next();
    for (var e : gbps.entrySet()) {
      String k = e.getKey();
      if (k.contains("raw")) raw = e.getValue();
      Double replica = k.endsWith(" cross-node") ? gbps.get(k.replace(" cross-node", " run: forwarded replica (no j8s)")) : null;
      System.out.printf("%-44s %8.2f %9.0f%% %14s   %s%n", k, e.getValue(), 100 * e.getValue() / raw,
          replica == null ? "" : String.format("%.0f%%", 100 * e.getValue() / replica),
          k.startsWith("host-gw cross") ? ">= 90%" : k.startsWith("vxlan cross") ? ">= 70%" : "");
    }
  }

  Map<String, Double> cluster(String backend) throws Exception {
    Path dir = Files.createTempDirectory("j8s-bench-net");
    Map<String, Double> out = new LinkedHashMap<>();
    try (NetnsLan lan = new NetnsLan(backend.equals("vxlan") ? "nbvx" : "nbgw", backend.equals("vxlan") ? "172.31.212" : "172.31.213")) {
      String sIp = lan.addHost("s", 1);
      String aIp = lan.addHost("a", 2);
      String bIp = lan.addHost("b", 3);
      lan.joinCaller();
      Path sDir = dir.resolve("s");
      progress(backend + ": starting a server and two agents (logs in " + dir + ")");
      Process server = lan.spawn("s", dir.resolve("server.log"), j8s("server", "--data-dir", sDir.toString(), "--disable-agent",
          "--advertise-address", sIp, "--cluster-cidr", CLUSTER));
      waitUntil(() -> Files.isRegularFile(sDir.resolve("server/node-token")) && Files.isRegularFile(sDir.resolve("kubeconfig.yaml")), server);
      String token = Files.readString(sDir.resolve("server/node-token")).strip();
      List<Process> agents = new ArrayList<>();
      for (String[] h : new String[][] {{"a", aIp}, {"b", bIp}}) {
        agents.add(lan.spawn(h[0], dir.resolve("agent-" + h[0] + ".log"), j8s("agent", "--server", "https://" + sIp + ":6443",
            "--token", token, "--server-ca", sDir.resolve("server/tls/server-ca.crt").toString(), "--data-dir", dir.resolve(h[0]).toString(),
            "--node-name", "nb-" + h[0], "--node-ip", h[1], "--cluster-cidr", CLUSTER, "--flannel-backend", backend)));
      }
      Config cfg = Config.fromKubeconfig(Files.readString(sDir.resolve("kubeconfig.yaml")));
      cfg.setRequestTimeout(120_000); // a loaded 2-core machine: a pod create once took over the default 10 s
      try (KubernetesClient c = new KubernetesClientBuilder().withConfig(cfg).build()) {
        for (String n : List.of("nb-a", "nb-b")) {
          waitUntil(() -> {
            var node = c.nodes().withName(n).get();
            return node != null && Readiness.nodeReady(node);
          }, agents.get(n.endsWith("a") ? 0 : 1));
        }
        // each pod sleeps a number of seconds unique to this bench process and backend: its process is found by that
        // command line (and not mistaken for a pod process an earlier, killed run left behind)
        String run = "9" + ProcessHandle.current().pid() + (backends.indexOf(backend) + 1);
        String sa = run + "1", sa2 = run + "2", sb = run + "3";
        for (String[] p : new String[][] {{"pa", "nb-a", sa}, {"pa2", "nb-a", sa2}, {"pb", "nb-b", sb}}) {
          c.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(p[0]).endMetadata().withNewSpec()
              .withNodeName(p[1]).withTerminationGracePeriodSeconds(0L).addNewContainer().withName("c").withImage("j8s.local/busybox:1")
              .withImagePullPolicy("IfNotPresent").withCommand("sleep", p[2]).endContainer().endSpec().build()).create();
        }
        Map<String, String> ips = new LinkedHashMap<>();
        waitUntil(() -> {
          for (String p : List.of("pa", "pa2", "pb")) {
            var pod = c.pods().inNamespace("default").withName(p).get();
            if (pod == null || pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) return false;
            ips.put(p, pod.getStatus().getPodIP());
          }
          return true;
        }, server);
        waitUntil(() -> lan.exec("a", "ip", "route", "show", "proto", "98").stdout().contains(
            c.nodes().withName("nb-b").get().getSpec().getPodCIDR()), server);
        // the physical limit in the same run and load: the two node namespaces over the same veth/bridge/veth path
        out.put(backend + " run: raw node-to-node (no j8s)", best(List.of("ip", "netns", "exec", lan.namespace("a")),
            List.of("ip", "netns", "exec", lan.namespace("b")), aIp));
        out.put(backend + " same-node (cni0)", best(nsenter(pidOf("sleep " + sa2)), nsenter(pidOf("sleep " + sa)), ips.get("pa2")));
        out.put(backend + " cross-node", best(nsenter(pidOf("sleep " + sb)), nsenter(pidOf("sleep " + sa)), ips.get("pb")));
        out.put(backend + " run: forwarded replica (no j8s)", replica(lan, backend, aIp, bIp));
        c.pods().inNamespace("default").delete();
        waitUntil(() -> c.pods().inNamespace("default").list().getItems().isEmpty(), server);
        // the agents stop the containers after the API has let the pods go: wait for that before the cluster is torn down
        waitUntil(() -> pids("sleep " + sa, "sleep " + sa2, "sleep " + sb).isEmpty(), server);
      }
    }
    return out;
  }

  /**
   * The cross-node path rebuilt by hand beside the cluster, in its node namespaces and at the same
   * load, without j8s: a namespace behind a veth on each node (no bridge), the nodes forwarding
   * between them over the same veth/bridge/veth "LAN", for vxlan through a second VXLAN device (VNI 2,
   * port 8473, MTU 50 below the LAN's, static neighbour and FDB entries) as j8s's backend sets up.
   * Netfilter rules j8s put in the nodes apply to it as to the pods (they match only the cluster
   * CIDR). The limit a forwarded pod-to-pod path can reach here; removed afterwards.
   */
  double replica(NetnsLan lan, String backend, String aIp, String bIp) throws Exception {
    boolean vxlan = backend.equals("vxlan");
    String[][] sides = {{"a", aIp, bIp, "10.97.1", "10.97.2"}, {"b", bIp, aIp, "10.97.2", "10.97.1"}};
    List<String> made = new ArrayList<>();
    try {
      for (String[] x : sides) {
        String ns = "nbrep-" + x[0];
        SH.run("ip", "netns", "add", ns).orThrow();
        made.add(ns);
        SH.run("ip", "link", "add", "rp0", "netns", ns, "type", "veth", "peer", "name", "rh0", "netns", lan.namespace(x[0])).orThrow();
        String mtu = vxlan ? "1450" : "1500";
        in(ns, "ip", "link", "set", "lo", "up");
        in(ns, "ip", "addr", "add", x[3] + ".2/24", "dev", "rp0");
        in(ns, "ip", "link", "set", "rp0", "mtu", mtu, "up");
        in(ns, "ip", "route", "add", "default", "via", x[3] + ".1");
        lan.exec(x[0], "ip", "addr", "add", x[3] + ".1/24", "dev", "rh0").orThrow();
        lan.exec(x[0], "ip", "link", "set", "rh0", "mtu", mtu, "up").orThrow();
        lan.exec(x[0], "sysctl", "-qw", "net.ipv4.ip_forward=1").orThrow();
        if (vxlan) {
          lan.exec(x[0], "ip", "link", "add", "rvx0", "type", "vxlan", "id", "2", "dstport", "8473", "local", x[1], "nolearning").orThrow();
          lan.exec(x[0], "ip", "link", "set", "rvx0", "mtu", "1450", "up").orThrow();
          lan.exec(x[0], "ip", "addr", "add", x[3] + ".0/32", "dev", "rvx0").orThrow();
        }
      }
      for (String[] x : sides) {
        if (vxlan) {
          String peer = x[0].equals("a") ? "b" : "a";
          String mac = new ObjectMapper().readTree(lan.exec(peer, "ip", "-j", "link", "show", "rvx0").orThrow().stdout()).get(0)
              .path("address").asText();
          lan.exec(x[0], "ip", "neigh", "add", x[4] + ".0", "lladdr", mac, "dev", "rvx0", "nud", "permanent").orThrow();
          lan.exec(x[0], "bridge", "fdb", "append", mac, "dev", "rvx0", "dst", x[2]).orThrow();
          lan.exec(x[0], "ip", "route", "add", x[4] + ".0/24", "via", x[4] + ".0", "dev", "rvx0", "onlink").orThrow();
        } else {
          lan.exec(x[0], "ip", "route", "add", x[4] + ".0/24", "via", x[2]).orThrow();
        }
      }
      return best(List.of("ip", "netns", "exec", "nbrep-b"), List.of("ip", "netns", "exec", "nbrep-a"), "10.97.2.2");
    } finally {
      for (String ns : made) SH.run("ip", "netns", "del", ns);
      for (String h : List.of("a", "b")) {
        lan.exec(h, "ip", "link", "del", "rvx0");
        lan.exec(h, "ip", "route", "del", (h.equals("a") ? "10.97.2.0/24" : "10.97.1.0/24"));
      }
    }
  }

  private static void in(String ns, String... cmd) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    c.addAll(List.of(cmd));
    SH.run(c, null).orThrow();
  }

  static List<String> nsenter(long pid) { return List.of("nsenter", "-t", Long.toString(pid), "-n"); }

  /** iperf3 server under {@code serverPrefix}, client under {@code clientPrefix} to {@code ip}: the best of the runs, in Gbit/s. */
  double best(List<String> serverPrefix, List<String> clientPrefix, String ip) throws Exception {
    List<String> srv = new ArrayList<>(serverPrefix);
    srv.addAll(List.of("iperf3", "-s", "-1", "-p", "5201"));
    double best = 0;
    for (int i = 0; i < runs; i++) {
      Process s = new ProcessBuilder(srv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        Thread.sleep(500);
        List<String> cli = new ArrayList<>(clientPrefix);
        cli.addAll(List.of("iperf3", "-c", ip, "-p", "5201", "-t", Integer.toString(seconds), "-J"));
        ProcessResult r = SH.run(cli, null);
        if (!r.ok()) throw new IllegalStateException("iperf3 failed: " + r.stdout() + r.stderr());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        JsonNode bps = j.at("/end/sum_received/bits_per_second");
        if (!bps.isNumber()) {
          throw new IllegalStateException("iperf3 " + String.join(" ", cli) + " gave no throughput: " + j.path("error").asText(r.stdout()));
        }
        double g = bps.asDouble() / 1e9;
        best = Math.max(best, g);
      } finally {
        s.destroyForcibly();
        s.waitFor();
      }
    }
    return best;
  }

  static long pidOf(String marker) throws Exception {
    List<Long> found = pids(marker);
    if (found.size() != 1) throw new IllegalStateException(found.size() + " processes with command line " + marker + ": " + found);
    return found.get(0);
  }

  /** The processes whose command line is one of {@code markers}. */
  static List<Long> pids(String... markers) throws Exception {
    List<String> wanted = List.of(markers);
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          if (wanted.contains(cmdline.strip())) out.add(Long.parseLong(p.getFileName().toString()));
        } catch (java.io.IOException e) {
          // gone
        }
      }
    }
    return out;
  }

  static List<String> j8s(String... args) {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.j8s.dist.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static void waitUntil(PodStartupBench.Check check, Process owner) throws Exception {
    PodStartupBench.waitUntil(check, owner, "condition");
  }

  static void progress(String s) { System.out.println("bench: " + s); }
}
