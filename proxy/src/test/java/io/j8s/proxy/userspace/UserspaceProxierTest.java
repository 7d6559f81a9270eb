package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.time.Clock;
import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.hostnet.conntrack.RecordingConntrack;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.RecordingIptables;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import io.j8s.proxy.userspace.ListenerKey.Scope;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The applier and the Netty listeners on loopback (no iptables: clients connect to the listeners'
 * ports directly; the rules go to the in-memory fake). Servers run on 127.0.0.1 only.
 */
@Tag("integration")
class UserspaceProxierTest {
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName DNS = ServicePortName.of("ns", "dns", "dns", "UDP");
  static final ListenerKey WEB_KEY = new ListenerKey(WEB, Scope.INTERNAL);
  static final ListenerKey DNS_KEY = new ListenerKey(DNS, Scope.INTERNAL);

  final RecordingIptables ipt = new RecordingIptables();
  final RecordingConntrack conntrack = new RecordingConntrack();
  final UserspaceProxier proxier = new UserspaceProxier(ipt, conntrack, UserspaceConfig.of("node", List.of("127.0.0.1"))
      .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)), Clock.system());
  final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach void close() throws Exception {
    proxier.close();
    for (AutoCloseable c : closeables) c.close();
  }

  static ProxyState state(List<Endpoint> web, List<Endpoint> dns) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    svcs.put(WEB, ServicePort.clusterIP(WEB, "10.96.0.10", 80));
    if (dns != null) svcs.put(DNS, ServicePort.clusterIP(DNS, "10.96.0.53", 53));
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    eps.put(WEB, web);
    if (dns != null) eps.put(DNS, dns);
    return ProxyState.of(svcs, eps);
  }

  /** A TCP server on 127.0.0.1 that answers each connection with its name, then echoes until EOF. */
  int tcpServer(String name) throws Exception {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    closeables.add(s);
    Thread.ofVirtual().start(() -> {
      while (!s.isClosed()) {
        try {
          Socket c = s.accept();
          Thread.ofVirtual().start(() -> {
            try (c) {
              OutputStream o = c.getOutputStream();
              o.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
              c.getInputStream().transferTo(o);
            } catch (Exception ignored) {
              // the client went
            }
          });
        } catch (Exception e) {
          return;
        }
      }
    });
    return s.getLocalPort();
  }

  /** A UDP server on 127.0.0.1 answering each datagram with its name and the datagram. */
  int udpServer(String name) throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    closeables.add(s);
    Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[2048];
      while (!s.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          s.receive(p);
          byte[] reply = (name + ":" + new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
          s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (Exception e) {
          return;
        }
      }
    });
    return s.getLocalPort();
  }

  static String firstLine(int port) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
  }

  static String udp(DatagramSocket client, int port, String msg) throws Exception {
    byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
    client.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
    DatagramPacket r = new DatagramPacket(new byte[2048], 2048);
    client.setSoTimeout(5000);
    client.receive(r);
    assertThat(r.getPort()).as("the reply comes from the listener's port").isEqualTo(port);
    return new String(r.getData(), 0, r.getLength(), StandardCharsets.US_ASCII);
  }

  @Test void listenersFollowTheStateAndKeepTheirPorts() throws Exception {
    int a = tcpServer("a");
    int b = tcpServer("b");
    Endpoint ea = Endpoint.ready("127.0.0.1", a, "node");
    Endpoint eb = Endpoint.ready("127.0.0.1", b, "node");
    Map<String, Long> counts = proxier.sync(state(List.of(ea, eb), List.of()), Set.of(), true);
    assertThat(counts).containsEntry("listeners", 2L).containsEntry("nat", 3L).containsEntry("filter", 1L);
    int port = proxier.ports().get(WEB_KEY);
    assertThat(ipt.rules(Table.NAT, PortalRules.PORTALS_CONTAINER)).anyMatch(r -> r.endsWith("--to-ports " + port));
    assertThat(ipt.rules(Table.NAT, "PREROUTING")).hasSize(2);
    String first = ea.compareTo(eb) < 0 ? "a" : "b"; // round-robin goes in address order
    String second = first.equals("a") ? "b" : "a";
    assertThat(List.of(firstLine(port), firstLine(port), firstLine(port), firstLine(port))).containsExactly(first, second, first, second);

    int restores = ipt.restores().size();
    proxier.sync(state(List.of(eb), List.of()), Set.of(new ServiceRef("ns", "web")), false);
    assertThat(ipt.restores()).as("an endpoint change that leaves the rules alone writes nothing").hasSize(restores);
    assertThat(proxier.ports().get(WEB_KEY)).isEqualTo(port);
    assertThat(List.of(firstLine(port), firstLine(port))).containsExactly("b", "b");

    proxier.sync(state(List.of(ea), null), Set.of(new ServiceRef("ns", "dns")), false);
    assertThat(proxier.ports()).containsOnlyKeys(WEB_KEY);
    assertThat(ipt.restores()).hasSize(restores + 1);
    assertThat(String.join("", ipt.rules(Table.FILTER, PortalRules.PORTALS_REJECT))).doesNotContain("10.96.0.53");
    assertThat(proxier.metricsText()).doesNotContain("ns/dns");
    assertThat(conntrack.deleted()).as("the closed UDP listener's redirected flows").containsExactly(new FlowFilter("udp", "10.96.0.53", 53, null));
  }

  @Test void aFailedConnectIsRetriedOnTheNextEndpoint() throws Exception {
    int live = tcpServer("live");
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      dead = s.getLocalPort(); // closed again: connecting there is refused
    }
    proxier.sync(state(List.of(Endpoint.ready("127.0.0.1", dead, "node"), Endpoint.ready("127.0.0.1", live, "node")), List.of()),
        Set.of(), true);
    int port = proxier.ports().get(WEB_KEY);
    for (int i = 0; i < 4; i++) assertThat(firstLine(port)).isEqualTo("live");
    assertThat(proxier.metrics().of(WEB).connectErrors()).as("the dead endpoint tried (and skipped) on its every turn").isBetween(3L, 4L);
    assertThat(proxier.metrics().of(WEB).rejectedCount()).isZero();
  }

  @Test void noEndpointResetsTheClientAtOnce() throws Exception {
    proxier.sync(state(List.of(), List.of()), Set.of(), true);
    int port = proxier.ports().get(WEB_KEY);
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      assertThatThrownBy(() -> s.getInputStream().read()).hasMessageContaining("reset");
    }
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    assertThat(proxier.metrics().of(WEB).rejectedCount()).isEqualTo(1);
  }

  /** A policy refusing the endpoints on the ports in {@code refused}, telling its listener when that set changes. */
  static final class PortPolicy implements io.j8s.proxy.ConnectionPolicy {
    final Set<Integer> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override public boolean allows(String client, String server, String protocol, int port) {
      return !refused.contains(port);
    }

    @Override public void onChange(Runnable listener) { listeners.add(listener); }

    void refuse(int... ports) {
      for (int p : ports) refused.add(p);
      listeners.forEach(Runnable::run);
    }
  }

  @Test void networkPolicySkipsRefusedEndpointsResetsWhenNoneIsLeftAndCutsWhatItNoLongerAllows() throws Exception {
    PortPolicy policy = new PortPolicy();
    UserspaceProxier judged = new UserspaceProxier(ipt, conntrack, UserspaceConfig.of("node", List.of("127.0.0.1"))
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)).withPolicy(policy), Clock.system());
    closeables.add(judged);
    int a = tcpServer("a");
    int b = tcpServer("b");
    int u = udpServer("u");
    judged.sync(state(List.of(Endpoint.ready("127.0.0.1", a, "node"), Endpoint.ready("127.0.0.1", b, "node")),
        List.of(Endpoint.ready("127.0.0.1", u, "node"))), Set.of(), true);
    int port = judged.ports().get(WEB_KEY);
    int dnsPort = judged.ports().get(DNS_KEY);
    policy.refuse(a);
    for (int i = 0; i < 4; i++) assertThat(firstLine(port)).as("a is refused: every connection goes to b").isEqualTo("b");

    // an open relayed connection (to b) and a UDP session, then b and u are refused too
    try (Socket s = new Socket("127.0.0.1", port); DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(5000);
      assertThat(new String(s.getInputStream().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("b\n");
      s.getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
      assertThat(s.getInputStream().read()).isEqualTo('x');
      assertThat(udp(client, dnsPort, "q")).isEqualTo("u:q");
      UdpListener dns = (UdpListener) judged.listener(DNS_KEY);
      assertThat(dns.sessions()).isEqualTo(1);

      policy.refuse(b, u);
      assertThatThrownBy(() -> {
        s.getOutputStream().write("y".getBytes(StandardCharsets.US_ASCII));
        if (s.getInputStream().read() < 0) throw new java.io.EOFException("closed");
      }).as("the relayed connection is cut").isInstanceOfAny(java.io.IOException.class);
      for (int i = 0; i < 50 && dns.sessions() > 0; i++) Thread.sleep(100);
      assertThat(dns.sessions()).as("the UDP session is closed").isZero();
      client.setSoTimeout(700);
      byte[] q = "r".getBytes(StandardCharsets.US_ASCII);
      client.send(new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", dnsPort)));
      assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[64], 64))).as("a refused datagram goes nowhere")
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      assertThatThrownBy(() -> s.getInputStream().read()).as("no endpoint allowed: reset").hasMessageContaining("reset");
    }
    assertThat(judged.metrics().of(WEB).deniedCount()).as("the cut and the refused connection").isEqualTo(2);
    assertThat(judged.metrics().of(WEB).rejectedCount()).isZero();
    assertThat(judged.metrics().of(DNS).deniedCount()).as("the closed session and the refused datagram").isEqualTo(2);
    assertThat(judged.metricsText()).contains("kubeproxy_userspace_policy_denied_total");
  }

  @Test void relaysLargeStreamsBothWaysAndCountsBytes() throws Exception {
    int a = tcpServer("a");
    proxier.sync(state(List.of(Endpoint.ready("127.0.0.1", a, "node")), List.of()), Set.of(), true);
    int port = proxier.ports().get(WEB_KEY);
    byte[] data = new byte[8 << 20];
    new Random(7).nextBytes(data);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20000);
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          s.getOutputStream().write(data);
          s.shutdownOutput();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      InputStream in = s.getInputStream();
      byte[] all = in.readAllBytes();
      writer.join();
      assertThat(new String(all, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("a\n");
      assertThat(all.length).as("bytes echoed").isEqualTo(data.length + 2);
      assertThat(Arrays.mismatch(Arrays.copyOfRange(all, 2, all.length), data)).as("first byte echoed wrong").isEqualTo(-1);
    }
    assertThat(proxier.metrics().of(WEB).bytesIn()).isEqualTo(data.length);
    assertThat(proxier.metrics().of(WEB).bytesOut()).isEqualTo(data.length + 2);
  }

  /**
   * The client sends its request and shuts its output before the answer starts (as {@code nc -N}
   * or an HTTP/1.0 client may): the answer, far larger than the socket buffers, still arrives
   * whole. (Netty 4.2's epoll transport drops a half-closed socket from its epoll set and then
   * fails the first write that has to wait; this caught it every time.)
   */
  @Test void aClientThatHalfClosesFirstGetsTheWholeAnswer() throws Exception {
    byte[] answer = new byte[8 << 20];
    new Random(11).nextBytes(answer);
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    closeables.add(server);
    Thread.ofVirtual().start(() -> {
      try (Socket c = server.accept()) {
        c.getInputStream().readAllBytes(); // the whole request, up to the client's FIN
        c.getOutputStream().write(answer);
      } catch (Exception ignored) {
        // the test fails on what the client received
      }
    });
    proxier.sync(state(List.of(Endpoint.ready("127.0.0.1", server.getLocalPort(), "node")), List.of()), Set.of(), true);
    int port = proxier.ports().get(WEB_KEY);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20000);
      s.getOutputStream().write("GET\n".getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      Thread.sleep(300); // the answer fills the socket buffers, so the proxy's writes have to wait
      byte[] got = s.getInputStream().readAllBytes();
      assertThat(got.length).as("bytes of the answer received").isEqualTo(answer.length);
      assertThat(Arrays.mismatch(got, answer)).as("first byte received wrong").isEqualTo(-1);
    }
  }

  @Test void udpSessionsPerClientRoundRobinAndIdleOut() throws Exception {
    int a = udpServer("a");
    int b = udpServer("b");
    Endpoint ea = Endpoint.ready("127.0.0.1", a, "node");
    Endpoint eb = Endpoint.ready("127.0.0.1", b, "node");
    String first = ea.compareTo(eb) < 0 ? "a" : "b"; // round-robin goes in address order
    String second = first.equals("a") ? "b" : "a";
    proxier.sync(state(List.of(), List.of(ea, eb)), Set.of(), true);
    int port = proxier.ports().get(DNS_KEY);
    UdpListener l = (UdpListener) proxier.listener(DNS_KEY);
    try (DatagramSocket c1 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket c2 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      assertThat(udp(c1, port, "x")).isEqualTo(first + ":x");
      assertThat(udp(c1, port, "y")).as("one session per client address").isEqualTo(first + ":y");
      assertThat(udp(c2, port, "z")).isEqualTo(second + ":z");
      assertThat(l.sessions()).isEqualTo(2);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (l.sessions() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
      assertThat(l.sessions()).as("idle sessions closed").isZero();
      assertThat(udp(c2, port, "w")).as("a new session picks again").isEqualTo(first + ":w");
      proxier.sync(state(List.of(), List.of(first.equals("a") ? eb : ea)), Set.of(new ServiceRef("ns", "dns")), false);
      assertThat(l.sessions()).as("the removed endpoint's session is closed at once (the count queues behind the update on the loop)")
          .isZero();
      assertThat(udp(c2, port, "v")).as("and the client's next datagram goes to the endpoint left").isEqualTo(second + ":v");
    }
    assertThat(proxier.metrics().of(DNS).connections()).isEqualTo(4);
  }

  @Test void cleanupRemovesJumpsAndChains() throws Exception {
    proxier.sync(state(List.of(), List.of()), Set.of(), true);
    proxier.cleanup();
    assertThat(ipt.rules(Table.NAT, "PREROUTING")).isEmpty();
    assertThat(ipt.rules(Table.FILTER, "FORWARD")).isEmpty();
    assertThat(ipt.chains(Table.NAT)).doesNotContain(PortalRules.PORTALS_HOST);
    assertThat(ipt.chains(Table.FILTER)).doesNotContain(PortalRules.PORTALS_REJECT);
    proxier.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", 1).close()).isInstanceOf(ConnectException.class);
  }
}
