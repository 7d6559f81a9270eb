package io.j8s.dist;

import io.j8s.apiserver.ApiServer;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.controllers.nodeipam.NodeIpamController;
import io.j8s.controllers.runtime.ControllerOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code j8s server}: the API server with its datastore (and, later, the controllers and an agent). */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the j8s server: API server, datastore, controllers.")
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

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir
        : "root".equals(System.getProperty("user.name")) ? Path.of("/var/lib/j8s") : Path.of(System.getProperty("user.home"), ".j8s");
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
    ServerRuntime runtime = ServerRuntime.start(config, options);
    ApiServer server = runtime.api();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stop.countDown();
    }));
    System.out.println("j8s: API server listening on https://" + addrs.get(0) + ":" + server.port());
    System.out.println("j8s: admin kubeconfig: " + server.pki().adminKubeconfig());
    System.out.println("j8s: try: export KUBECONFIG=" + server.pki().adminKubeconfig() + "; kubectl get namespaces");
    System.out.println("j8s: running: API server, scheduler, garbage collector and the namespace, ReplicaSet, Deployment, "
        + "DaemonSet, EndpointSlice, Endpoints, service load balancer, node IPAM, node lifecycle and ServiceAccount controllers; "
        + "not yet: node agent (kubelet), kube-proxy, CNI, DNS (see the open issues)");
    stop.await();
    return 0;
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
