package io.j8s.dist;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.dns.kube.KubeDnsService;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.bootstrap.NodeClientCertificate;
import io.j8s.proxy.KubeProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code j8s agent}: a node joining a j8s server (the same agent {@code j8s server} embeds): the
 * join token only obtains the node's client certificate ({@code system:node:<name>}), which the
 * agent then uses.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run a node agent that joins a j8s server.")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--server", required = true, description = "URL of the j8s server to join, e.g. https://10.0.0.1:6443")
  String server;

  @Option(names = "--token", required = true, description = "The join token from <server data-dir>/server/node-token")
  String token;

  @Option(names = "--server-ca", description = "The server's CA certificate, a copy of <server data-dir>/server/tls/server-ca.crt")
  Path serverCa;

  @Option(names = "--data-dir", description = "State directory (default: /var/lib/j8s as root, else ~/.j8s); the agent uses <data-dir>/agent")
  Path dataDir;

  @Option(names = "--kubelet-client-ca", description = "The cluster's client CA, a copy of <server data-dir>/server/tls/client-ca.crt: "
      + "the kubelet API (port 10250) accepts the API server's client certificate signed by it; kept as <data-dir>/agent/client-ca.crt."
      + " Without it (and no earlier copy) the kubelet API does not start, so kubectl logs/exec cannot reach this node")
  Path kubeletClientCa;

  @Option(names = "--cluster-cidr", defaultValue = "10.42.0.0/16",
      description = "The cluster's Pod IP range, as the server's (kube-proxy masquerades traffic to ClusterIPs from outside it; default: ${DEFAULT-VALUE})")
  String clusterCidr;

  @Option(names = "--service-cidr", defaultValue = "10.43.0.0/16", description = "The cluster's Service IP range, as the server's (default: ${DEFAULT-VALUE})")
  String serviceCidr;

  @Option(names = "--cluster-dns", description = "The nameserver ClusterFirst pods get (default: the .10 address of --service-cidr, "
      + "the kube-dns Service of the server)")
  String clusterDns;

  @Option(names = "--disable", split = ",", paramLabel = "COMPONENT",
      description = "Do not run this component beside the agent; repeatable or comma-separated: " + ProxyOptions.COMPONENT + ", "
          + CniPodNetwork.POLICY_COMPONENT + " (NetworkPolicy enforcement)")
  List<String> disable = new ArrayList<>();

  @Mixin
  NodeAgentOptions agentOptions = new NodeAgentOptions();

  @Mixin
  ProxyOptions proxyOptions = new ProxyOptions();

  @Override
  public Integer call() throws Exception {
    if (server.startsWith("https://") && serverCa == null) {
      System.err.println("j8s agent: --server-ca is required to trust the server's TLS certificate: copy the server's "
          + "<server data-dir>/server/tls/server-ca.crt (/var/lib/j8s/server/tls/server-ca.crt with the default data dir) "
          + "to this machine and pass its path");
      return 2;
    }
    if (serverCa != null && !Files.isReadable(serverCa)) {
      System.err.println("j8s agent: --server-ca " + serverCa + " is not a readable file (a copy of the server's "
          + "<server data-dir>/server/tls/server-ca.crt)");
      return 2;
    }
    for (String d : disable) {
      if (!d.equals(ProxyOptions.COMPONENT) && !d.equals(CniPodNetwork.POLICY_COMPONENT)) {
        System.err.println("j8s agent: --disable " + d + ": unknown component (known: " + ProxyOptions.COMPONENT + ", "
            + CniPodNetwork.POLICY_COMPONENT + ")");
        return 2;
      }
    }
    agentOptions.networkPolicy = !disable.contains(CniPodNetwork.POLICY_COMPONENT);
    try {
      if (!disable.contains(ProxyOptions.COMPONENT)) {
        proxyOptions.check();
        agentOptions.proxyCoupling = proxyOptions.coupling(agentOptions.networkPolicy, serviceCidr);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("j8s agent: " + e.getMessage());
      return 2;
    }
    String dnsIp;
    try {
      dnsIp = clusterDns != null ? ipLiteral(clusterDns) : KubeDnsService.tenthAddress(serviceCidr);
    } catch (IllegalArgumentException e) {
      System.err.println("j8s agent: " + (clusterDns != null ? "--cluster-dns: " : "--service-cidr: ") + e.getMessage());
      return 2;
    }
    Path dir = NodeAgentOptions.defaultDataDir(dataDir);
    if (kubeletClientCa != null) {
      if (!Files.isReadable(kubeletClientCa)) {
        System.err.println("j8s agent: --kubelet-client-ca " + kubeletClientCa + " is not a readable file (a copy of the server's "
            + "<server data-dir>/server/tls/client-ca.crt)");
        return 2;
      }
      Files.createDirectories(dir.resolve("agent"));
      Files.copy(kubeletClientCa, dir.resolve("agent/client-ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    System.out.println("j8s: starting the node agent (server " + server + ", data dir " + dir + ")");
    KubernetesClient client;
    try {
      client = nodeClient(server, token.trim(), serverCa, agentOptions.config(dir), CSR_TIMEOUT);
    } catch (Exception e) {
      System.err.println("j8s agent: no node credential: " + e.getMessage());
      return 1;
    }
    AtomicReference<Agent> agent = new AtomicReference<>();
    AtomicReference<KubeProxy> proxy = new AtomicReference<>();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("j8s: stopping");
      ServerCommand.closeProxy(proxy);
      Agent a = agent.getAndSet(null);
      if (a != null) a.close();
      client.close();
      stop.countDown();
    }));
    try {
      agent.set(agentOptions.start(client, dir, clusterCidr, dnsIp));
      if (!disable.contains(ProxyOptions.COMPONENT)) {
        proxy.set(proxyOptions.start(client, agent.get(), clusterCidr, serviceCidr, agentOptions.proxyCoupling));
      }
    } catch (Exception e) {
      System.err.println("j8s agent: the node agent or kube-proxy did not start: " + e.getMessage());
      ServerCommand.closeProxy(proxy);
      Agent a = agent.getAndSet(null);
      if (a != null) a.close();
      return 1;
    }
    stop.await();
    return 0;
  }

  static final java.time.Duration CSR_TIMEOUT = java.time.Duration.ofMinutes(5);

  /**
   * A client that is this node ({@code system:node:<name>}): the certificate under the agent dir
   * when still valid, else one obtained with the join token through a CertificateSigningRequest.
   */
  static KubernetesClient nodeClient(String server, String token, Path serverCa, io.j8s.kubelet.AgentConfig config,
      java.time.Duration timeout) throws Exception {
    Path agentDir = config.agentDir();
    String nodeName = config.resolvedNodeName();
    try (KubernetesClient bootstrap = new KubernetesClientBuilder().withConfig(clientConfig(server, token, serverCa)).build()) {
      NodeClientCertificate.ensure(bootstrap, nodeName, agentDir, timeout, config.progress());
    }
    ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(server)
        .withClientCertFile(NodeClientCertificate.certFile(agentDir).toString())
        .withClientKeyFile(NodeClientCertificate.keyFile(agentDir).toString()).withClientKeyAlgo("RSA");
    if (serverCa != null) b.withCaCertFile(serverCa.toAbsolutePath().toString());
    return new KubernetesClientBuilder().withConfig(b.build()).build();
  }

  /** A client with the join token as bearer token, trusting only the server's CA; no kubeconfig or environment read. */
  static Config clientConfig(String server, String token, Path serverCa) {
    ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(server).withOauthToken(token);
    if (serverCa != null) b.withCaCertFile(serverCa.toAbsolutePath().toString());
    return b.build();
  }

  /** {@code ip} if it is an IPv4 or IPv6 address literal (never a name to look up). */
  static String ipLiteral(String ip) {
    if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("'" + ip + "' is not an IP address (for example 10.43.0.10)");
    }
    try {
      return java.net.InetAddress.getByName(ip).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("'" + ip + "' is not an IP address (for example 10.43.0.10)", e);
    }
  }
}
