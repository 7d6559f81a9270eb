package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.apiserver.ApiServer;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.controllers.nodeipam.NodeIpamController;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
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
 * {@code --disable-agent}) a node agent in the same JVM, as k3s does.
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

  @Option(names = "--disable-agent", description = "Run no node agent in this process (control plane only)")
  boolean disableAgent;

  @Mixin
  NodeAgentOptions agentOptions = new NodeAgentOptions();

  @Mixin
  ProxyOptions proxyOptions = new ProxyOptions();

  @Override
  public Integer call() throws Exception {
    Path dir = NodeAgentOptions.defaultDataDir(dataDir);
    List<String> addrs = advertise.isEmpty() ? List.of(defaultAddress()) : advertise;
    ApiServerConfig config = new ApiServerConfig(dir, bindAddress, port, datastore, serviceCidr, addrs,
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES, nodePortRange);
    System.out.println("j8s: starting the server (data dir " + dir + ", datastore " + datastore + ")");
    ControllerOptions options;
    try {
      options = new ControllerOptions(clusterCidr, nodeCidrMaskSize, ControllerOptions.DEFAULTS.nodeMonitorGracePeriod(), serviceLbPool);
      NodeIpamController.check(options);
    } catch (IllegalArgumentException e) {
      System.err.println("j8s: --cluster-cidr/--node-cidr-mask-size/--servicelb-pool: " + e.getMessage());
      return 2;
    }
    if (!disableAgent) {
      try {
        proxyOptions.check();
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
    AtomicReference<KubeProxy> proxy = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("j8s: stopping");
      closeProxy(proxy);
      closeAgent(agent, agentClient);
      runtime.close();
      stop.countDown();
    }));
    System.out.println("j8s: API server listening on https://" + addrs.get(0) + ":" + server.port());
    System.out.println("j8s: admin kubeconfig: " + server.pki().adminKubeconfig());
    System.out.println("j8s: try: export KUBECONFIG=" + server.pki().adminKubeconfig() + "; kubectl get namespaces");
    System.out.println("j8s: running: API server, scheduler, garbage collector and the namespace, ReplicaSet, Deployment, "
        + "DaemonSet, EndpointSlice, Endpoints, service load balancer, node IPAM, node lifecycle and ServiceAccount controllers"
        + (disableAgent ? "; no node agent (--disable-agent)" : "; starting the node agent"));
    if (!disableAgent) {
      try {
        // the embedded agent uses the server's admin credentials for now (a node identity of its own is issue 7)
        agentClient.set(runtime.newClient());
        agent.set(agentOptions.start(agentClient.get(), dir));
        proxy.set(proxyOptions.start(agentClient.get(), agent.get(), clusterCidr, serviceCidr));
        if (proxy.get() != null) System.out.println("j8s: kube-proxy running (" + proxyOptions.mode + " mode)");
      } catch (Exception e) {
        System.err.println("j8s: the node agent or kube-proxy did not start: " + e.getMessage());
        System.err.println("j8s: (run with --disable-agent for the control plane alone, or --disable kube-proxy)");
        closeProxy(proxy);
        closeAgent(agent, agentClient);
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
