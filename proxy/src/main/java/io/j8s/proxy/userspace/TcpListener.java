package io.j8s.proxy.userspace;

import io.j8s.api.net.UserspaceRelay;
import io.j8s.base.time.Clock;
import io.j8s.proxy.ConnectionPolicy;
import io.j8s.proxy.state.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP listener: accepts a client (reading nothing yet), connects to the endpoint the
 * {@link EndpointPicker} names with a short timeout, on failure to the next one, and once
 * connected relays both ways ({@link TcpRelay}). Endpoints the network policy refuses for this
 * client are skipped; with no endpoint left to try the client is reset at once (SO_LINGER 0), not
 * left hanging. When the policy judges, the relay's connections carry {@link UserspaceRelay#TOS}
 * (other nodes admit them by it), and {@link #recheck()} resets the relayed pairs it no longer allows.
 */
final class TcpListener implements ServiceListener {
  /** Up to 1 MiB in flight towards a side before its peer stops reading (fewer read on/off toggles on bulk transfers). */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
  /** Reads grow to 256 KiB on bulk transfers (fewer syscalls per byte), stay small for small exchanges. */
  static final AdaptiveRecvByteBufAllocator READS = new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 256 * 1024);
  private final Transport transport;
  private final EndpointPicker picker;
  private final ServiceMetrics metrics;
  private final Clock clock;
  private final int connectTimeoutMillis;
  private final Channel server;
  private final ConnectionPolicy policy;
  /** The relayed pairs: the client's channel to its link. */
  private final Map<SocketChannel, Link> links = new ConcurrentHashMap<>();

  private record Link(String clientIp, Endpoint endpoint, SocketChannel backend) {}

  TcpListener(Transport transport, ListenerSpec spec, ServiceMetrics metrics, Clock clock, Duration connectTimeout, ConnectionPolicy policy)
      throws InterruptedException {
    this.transport = transport;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
    this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    this.picker = new EndpointPicker(clock);
    picker.update(spec.endpoints(), spec.affinitySeconds());
    this.server = new ServerBootstrap().group(transport.group).channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new TcpRelay(metrics, true));
            accepted(ch); // an accepted channel is active when registered
          }
        })
        .bind(new InetSocketAddress("0.0.0.0", 0)).sync().channel();
  }

  @Override public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override public void update(ListenerSpec spec) {
    picker.update(spec.endpoints(), spec.affinitySeconds());
  }

  EndpointPicker picker() {
    return picker;
  }

  private void accepted(SocketChannel client) {
    metrics.opened();
    client.closeFuture().addListener(f -> metrics.closed());
    String clientIp = client.remoteAddress().getAddress().getHostAddress();
    attempt(client, clientIp, new HashSet<>());
  }

  private void attempt(SocketChannel client, String clientIp, Set<Endpoint> failed) {
    EndpointPicker.Judged pick = picker.pickAllowed(clientIp, failed, e -> policy.allows(clientIp, e.ip(), "tcp", e.port()));
    Optional<Endpoint> ep = pick.endpoint();
    if (ep.isEmpty()) {
      metrics.turnedAway(pick.refused());
      reset(client);
      return;
    }
    Endpoint e = ep.get();
    long start = clock.nanoTime();
    Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(transport.socketChannel());
    if (policy.enforced()) b.option(ChannelOption.IP_TOS, UserspaceRelay.TOS);
    ChannelFuture f = b
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.RCVBUF_ALLOCATOR, READS)
        .handler(new ChannelInboundHandlerAdapter())
        .connect(new InetSocketAddress(e.ip(), e.port()));
    f.addListener((ChannelFuture cf) -> {
      if (cf.isSuccess()) {
        metrics.connected(clock.nanoTime() - start);
        if (!client.isActive()) {
          cf.channel().close();
          return;
        }
        SocketChannel backend = (SocketChannel) cf.channel();
        links.put(client, new Link(clientIp, e, backend));
        client.closeFuture().addListener(x -> links.remove(client));
        TcpRelay.link(client, backend, metrics);
      } else {
        metrics.connectFailed();
        failed.add(e);
        if (client.isActive()) attempt(client, clientIp, failed);
      }
    });
  }

  @Override public void recheck() {
    links.forEach((client, l) -> {
      if (!policy.allows(l.clientIp(), l.endpoint().ip(), "tcp", l.endpoint().port())) {
        metrics.denied();
        client.eventLoop().execute(() -> {
          reset(l.backend());
          reset(client);
        });
      }
    });
  }

  /** Closes with a reset (SO_LINGER 0): the peer learns at once, nothing lingers. */
  private static void reset(SocketChannel c) {
    if (c.isOpen()) c.config().setOption(ChannelOption.SO_LINGER, 0);
    c.close();
  }

  @Override public void close() {
    server.close().syncUninterruptibly();
  }
}
