package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.apiserver.ApiServer;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.controllers.nodeipam.NodeIpamController;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.dns.ClusterDns;
import io.j8s.dns.kube.KubeDnsService;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.proxy.KubeProxy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code j8s server}: the API server with its datastore and the controllers, then (unless
 * {@code --disable-agent}) a node agent in the same JVM, as k3s does, and the add-ons not named by
 * {@code --disable} (the cluster DNS on the node IP behind {@code kube-system/kube-dns}).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the j8s server: API server, datastore, controllers, and a node agent.")
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "State directory (default: /var/lib/j8s as root, else ~/.j8s)")
  Path dataDir;

  @Option(names = "--bind-address", defaultValue = "0.0.0.0", description = "Address the API server listens on (default: ${DEFAULT-VALUE})")
  String bindAddress;

  @Option(names = "--https-listen-port", defaultValue = "6443", description = "HTTPS port of the API server (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--advertise-address", description = "Address clients use to reach this server; repeatable (default: the first "
      + "non-loopback IPv4 address, else 127.0.0.1)")
  List<String> advertise = new ArrayList<>();

  @Option(names = "--datastore-endpoint", defaultValue = "sqlite:",
      description = "sqlite: (a file in the data dir), sqlite:/path/file.db, or etcd://host:port[,host:port...] (default: ${DEFAULT-VALUE})")
  String datastore;

  @Option(names = "--service-cidr", defaultValue = "10.43.0.0/16", description = "Service IP range (default: ${DEFAULT-VALUE})")
  String serviceCidr;

  @Option(names = "--service-node-port-range", defaultValue = ApiServerConfig.DEFAULT_NODE_PORT_RANGE,
      description = "Port range for NodePort Services (default: ${DEFAULT-VALUE})")
  String nodePortRange;

  @Option(names = "--servicelb-pool", description = "Address range (CIDR) the service load balancer assigns LoadBalancer "
      + "Services one address each from (default: none, they get the Ready nodes' addresses)")
  String serviceLbPool;

  @Option(names = "--cluster-cidr", defaultValue = "10.42.0.0/16", description = "Pod IP range, cut into one subnet per node (default: ${DEFAULT-VALUE})")
  String clusterCidr;

  @Option(names = "--node-cidr-mask-size", defaultValue = "24", description = "Prefix length of each node's Pod subnet (default: ${DEFAULT-VALUE})")
  int nodeCidrMaskSize;

  @Option(names = "--service-account-issuer", defaultValue = ApiServerConfig.DEFAULT_SERVICE_ACCOUNT_ISSUER,
      description = "Issuer (iss) of service account tokens, also the API's audience (default: ${DEFAULT-VALUE})")
  String serviceAccountIssuer;

  @Option(names = "--disable-agent", description = "Run no node agent in this process (control plane only)")
  boolean disableAgent;

  @Option(names = "--disable", split = ",", paramLabel = "COMPONENT",
      description = "Do not run this add-on; repeatable or comma-separated. Add-ons: " + ADDON_DNS + " (the cluster DNS), "
          + ProxyOptions.COMPONENT + " and " + CniPodNetwork.POLICY_COMPONENT + " (NetworkPolicy enforcement; both beside the embedded agent)")
  List<String> disable = new ArrayList<>();

  static final String ADDON_DNS = "dns";
  static final List<String> ADDONS = List.of(ADDON_DNS, ProxyOptions.COMPONENT, CniPodNetwork.POLICY_COMPONENT);

  @Mixin
  NodeAgentOptions agentOptions = new NodeAgentOptions();

  @Mixin
  ProxyOptions proxyOptions = new ProxyOptions();

  @Override
  public Integer call() throws Exception {
    Path dir = NodeAgentOptions.defaultDataDir(dataDir);
    List<String> addrs = advertise.isEmpty() ? List.of(defaultAddress()) : advertise;
    ApiServerConfig config = new ApiServerConfig(dir, bindAddress, port, datastore, serviceCidr, addrs,
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES, nodePortRange, serviceAccountIssuer);
    System.out.println("j8s: starting the server (data dir " + dir + ", datastore " + datastore + ")");
    ControllerOptions options;
    try {
      options = new ControllerOptions(clusterCidr, nodeCidrMaskSize, ControllerOptions.DEFAULTS.nodeMonitorGracePeriod(), serviceLbPool);
      NodeIpamController.check(options);
    } catch (IllegalArgumentException e) {
      System.err.println("j8s: --cluster-cidr/--node-cidr-mask-size/--servicelb-pool: " + e.getMessage());
      return 2;
    }
    for (String d : disable) {
      if (!ADDONS.contains(d)) {
        System.err.println("j8s: --disable " + d + ": unknown add-on (known: " + String.join(", ", ADDONS) + ")");
        return 2;
      }
    }
    agentOptions.networkPolicy = !disable.contains(CniPodNetwork.POLICY_COMPONENT);
    String dnsIp;
    try {
      dnsIp = KubeDnsService.tenthAddress(serviceCidr);
    } catch (IllegalArgumentException e) {
      System.err.println("j8s: --service-cidr: " + e.getMessage());
      return 2;
    }
    if (!disableAgent && !disable.contains(ProxyOptions.COMPONENT)) {
      try {
        proxyOptions.check();
        agentOptions.proxyCoupling = proxyOptions.coupling(agentOptions.networkPolicy, serviceCidr);
      } catch (IllegalArgumentException e) {
        System.err.println("j8s: " + e.getMessage());
        return 2;
      }
    }
    ServerRuntime runtime = ServerRuntime.start(config, options);
    ApiServer server = runtime.api();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<Agent> agent = new AtomicReference<>();
    AtomicReference<KubernetesClient> agentClient = new AtomicReference<>();
    AtomicReference<ClusterDns> dns = new AtomicReference<>();
    AtomicReference<KubernetesClient> dnsClient = new AtomicReference<>();
    AtomicReference<KubeProxy> proxy = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("j8s: stopping");
      closeProxy(proxy);
      closeDns(dns, dnsClient);
      closeAgent(agent, agentClient);
      runtime.close();
      stop.countDown();
    }));
    System.out.println("j8s: API server listening on https://" + addrs.get(0) + ":" + server.port());
    System.out.println("j8s: admin kubeconfig: " + server.pki().adminKubeconfig());
    System.out.println("j8s: try: export KUBECONFIG=" + server.pki().adminKubeconfig() + "; kubectl get namespaces");
    System.out.println("j8s: running: API server, scheduler, garbage collector and the namespace, ReplicaSet, Deployment, "
        + "DaemonSet, EndpointSlice, Endpoints, service load balancer, node IPAM, node lifecycle and ServiceAccount controllers"
        + (disable.contains(ADDON_DNS) ? "; no cluster DNS (--disable dns)" : "; starting the cluster DNS")
        + (disableAgent ? "; no node agent (--disable-agent)" : "; starting the node agent"));
    if (!disable.contains(ADDON_DNS)) {
      AgentConfig node = agentOptions.config(dir);
      String nodeIp = node.resolvedNodeIp();
      String nodeName = disableAgent ? null : node.resolvedNodeName();
      try (KubernetesClient installer = runtime.newClient()) {
        dnsClient.set(runtime.newDnsClient());
        dns.set(EmbeddedDns.start(dnsClient.get(), installer, serviceCidr, nodeIp, nodeIp, nodeName, 53, EmbeddedDns.HOST_RESOLV_CONF,
            line -> System.out.println("j8s: " + line)));
      } catch (Exception e) {
        System.err.println("j8s: the cluster DNS did not start: " + e.getMessage() + " (--disable dns runs without it)");
        closeDns(dns, dnsClient);
      }
    }
    if (!disableAgent) {
      try {
        // the embedded agent is system:node:<name>, with a certificate the server issues directly
        agentClient.set(runtime.newNodeClient(dir, agentOptions.config(dir).resolvedNodeName()));
        agent.set(agentOptions.start(agentClient.get(), dir, clusterCidr, dnsIp));
        if (!disable.contains(ProxyOptions.COMPONENT)) {
          proxy.set(proxyOptions.start(agentClient.get(), agent.get(), clusterCidr, serviceCidr, agentOptions.proxyCoupling));
          System.out.println("j8s: kube-proxy running (" + proxyOptions.mode + " mode)");
        }
      } catch (Exception e) {
        System.err.println("j8s: the node agent or kube-proxy did not start: " + e.getMessage());
        System.err.println("j8s: (run with --disable-agent for the control plane alone, or --disable kube-proxy)");
        closeProxy(proxy);
        closeAgent(agent, agentClient);
        closeDns(dns, dnsClient);
        runtime.close();
        return 1;
      }
    }
    stop.await();
    return 0;
  }

  static void closeProxy(AtomicReference<KubeProxy> proxy) {
    KubeProxy p = proxy.getAndSet(null);
    if (p != null) p.close();
  }

  private static void closeAgent(AtomicReference<Agent> agent, AtomicReference<KubernetesClient> client) {
    Agent a = agent.getAndSet(null);
    if (a != null) a.close();
    KubernetesClient c = client.getAndSet(null);
    if (c != null) c.close();
  }

  private static void closeDns(AtomicReference<ClusterDns> dns, AtomicReference<KubernetesClient> client) {
    ClusterDns d = dns.getAndSet(null);
    if (d != null) d.close();
    KubernetesClient c = client.getAndSet(null);
    if (c != null) c.close();
  }

  static String defaultAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) continue;
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a.getHostAddress();
      }
    }
    return "127.0.0.1";
  }
}
