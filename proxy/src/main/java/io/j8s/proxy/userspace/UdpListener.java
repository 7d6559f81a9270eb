package io.j8s.proxy.userspace;

import io.j8s.api.net.UserspaceRelay;
import io.j8s.base.time.Clock;
import io.j8s.proxy.ConnectionPolicy;
import io.j8s.proxy.state.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A UDP listener: each client address gets a session, a socket connected to the endpoint the
 * {@link EndpointPicker} names, through which its datagrams go and the endpoint's replies come
 * back (sent to the client from the listener's port). A session idle for the timeout is closed;
 * one whose endpoint answers with ICMP unreachable, or whose endpoint is removed, is closed too,
 * so the client's next datagram picks again. Endpoints the network policy refuses for the client are
 * skipped (no endpoint left: the datagram is dropped), and {@link #recheck()} closes the sessions it
 * no longer allows; when it judges, the sessions' datagrams carry {@link UserspaceRelay#TOS}.
 * Everything runs on the listener's event loop, so the session map needs no lock.
 */
final class UdpListener implements ServiceListener {
  private final class Session {
    final InetSocketAddress client;
    final Endpoint endpoint;
    final Channel channel;
    final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    long lastActive;
    boolean connected;

    Session(InetSocketAddress client, Endpoint endpoint, Channel channel) {
      this.client = client;
      this.endpoint = endpoint;
      this.channel = channel;
    }
  }

  private final Transport transport;
  private final EndpointPicker picker;
  private final ServiceMetrics metrics;
  private final Clock clock;
  private final long idleNanos;
  private final Channel server;
  private final Map<InetSocketAddress, Session> sessions = new HashMap<>();
  private final ScheduledFuture<?> sweeper;
  private final ConnectionPolicy policy;

  UdpListener(Transport transport, ListenerSpec spec, ServiceMetrics metrics, Clock clock, Duration idleTimeout, ConnectionPolicy policy)
      throws InterruptedException {
    this.transport = transport;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
    this.idleNanos = idleTimeout.toNanos();
    this.picker = new EndpointPicker(clock);
    picker.update(spec.endpoints(), spec.affinitySeconds());
    this.server = new Bootstrap().group(transport.group).channel(transport.datagramChannel())
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            fromClient(p);
          }
        })
        .bind(new InetSocketAddress("0.0.0.0", 0)).sync().channel();
    long period = Math.max(10, idleTimeout.toMillis() / 2);
    this.sweeper = server.eventLoop().scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** New endpoints; the sessions of an endpoint that went are closed (the client's next datagram picks again). */
  @Override public void update(ListenerSpec spec) {
    picker.update(spec.endpoints(), spec.affinitySeconds());
    Set<Endpoint> live = Set.copyOf(spec.endpoints());
    server.eventLoop().execute(() -> new java.util.ArrayList<>(sessions.values()).stream()
        .filter(s -> !live.contains(s.endpoint)).forEach(this::end));
  }

  /** Open sessions (tests); call from any thread. */
  int sessions() throws Exception {
    return server.eventLoop().submit(sessions::size).get();
  }

  private void fromClient(DatagramPacket p) {
    InetSocketAddress client = p.sender();
    ByteBuf data = p.content();
    metrics.in(data.readableBytes());
    Session s = sessions.get(client);
    if (s == null) {
      String clientIp = client.getAddress().getHostAddress();
      EndpointPicker.Judged pick = picker.pickAllowed(clientIp, new HashSet<>(), e -> policy.allows(clientIp, e.ip(), "udp", e.port()));
      Optional<Endpoint> ep = pick.endpoint();
      if (ep.isEmpty()) {
        metrics.turnedAway(pick.refused());
        return;
      }
      s = open(client, ep.get());
    }
    s.lastActive = clock.nanoTime();
    if (s.connected) s.channel.writeAndFlush(data.retain(), s.channel.voidPromise());
    else s.pending.add(data.retain());
  }

  private Session open(InetSocketAddress client, Endpoint ep) {
    long start = clock.nanoTime();
    Session[] holder = new Session[1];
    Bootstrap boot = new Bootstrap().group(server.eventLoop()).channel(transport.datagramChannel());
    if (policy.enforced()) boot.option(ChannelOption.IP_TOS, UserspaceRelay.TOS);
    ChannelFuture f = boot
        .handler(new SimpleChannelInboundHandler<Object>() {
          @Override protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = msg instanceof DatagramPacket dp ? dp.content() : (ByteBuf) msg;
            Session s = holder[0];
            s.lastActive = clock.nanoTime();
            metrics.out(b.readableBytes());
            server.writeAndFlush(new DatagramPacket(b.retain(), s.client), server.voidPromise());
          }

          @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            metrics.connectFailed(); // ICMP unreachable from the endpoint: the next datagram picks again
            end(holder[0]);
          }
        })
        .connect(new InetSocketAddress(ep.ip(), ep.port()));
    Session s = new Session(client, ep, f.channel());
    holder[0] = s;
    sessions.put(client, s);
    metrics.opened();
    f.addListener((ChannelFuture cf) -> {
      if (!cf.isSuccess()) {
        metrics.connectFailed();
        end(s);
        return;
      }
      metrics.connected(clock.nanoTime() - start);
      s.connected = true;
      for (ByteBuf b; (b = s.pending.poll()) != null;) s.channel.write(b, s.channel.voidPromise());
      s.channel.flush();
    });
    return s;
  }

  private void end(Session s) {
    if (sessions.remove(s.client, s)) metrics.closed();
    for (ByteBuf b; (b = s.pending.poll()) != null;) b.release();
    s.channel.close();
  }

  private void sweep() {
    long now = clock.nanoTime();
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
      Session s = it.next();
      if (now - s.lastActive >= idleNanos) {
        it.remove();
        metrics.closed();
        s.channel.close();
      }
    }
  }

  @Override public void recheck() {
    server.eventLoop().execute(() -> new java.util.ArrayList<>(sessions.values()).stream()
        .filter(s -> !policy.allows(s.client.getAddress().getHostAddress(), s.endpoint.ip(), "udp", s.endpoint.port()))
        .forEach(s -> {
          metrics.denied();
          end(s);
        }));
  }

  @Override public void close() {
    sweeper.cancel(false);
    server.close().syncUninterruptibly();
    server.eventLoop().execute(() -> new java.util.ArrayList<>(sessions.values()).forEach(this::end));
  }
}
