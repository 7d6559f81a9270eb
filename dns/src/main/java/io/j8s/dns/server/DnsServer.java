package io.j8s.dns.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DNS over UDP and TCP on one address and port, and the metrics endpoint over HTTP (optional).
 * On epoll, one UDP socket per event loop bound with SO_REUSEPORT, so the kernel spreads
 * datagrams over the loops; else one NIO socket.
 */
public final class DnsServer implements AutoCloseable {
  static final boolean EPOLL = !"nio".equals(System.getProperty("j8s.dns.transport")) && Epoll.isAvailable();
  static final int TCP_IDLE_SECONDS = 10;
  /** Largest UDP query read whole (EDNS clients rarely send more than a few hundred bytes). */
  static final int MAX_UDP_QUERY = 4096;

  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final InetSocketAddress udpAddress, tcpAddress, metricsAddress;

  private DnsServer(EventLoopGroup group, List<Channel> channels, InetSocketAddress metricsAddress) {
    this.group = group;
    this.channels.addAll(channels);
    this.udpAddress = (InetSocketAddress) channels.get(0).localAddress();
    this.tcpAddress = (InetSocketAddress) channels.get(1).localAddress();
    this.metricsAddress = metricsAddress;
  }

  /**
   * @param address where to answer (port 0: any free port, the same for UDP and TCP only by chance)
   * @param metrics where to serve /metrics; null: nowhere
   * @param threads event loops (and UDP sockets on epoll)
   */
  public static DnsServer start(InetSocketAddress address, InetSocketAddress metrics, Responder responder, int threads)
      throws InterruptedException {
    IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
    List<Channel> channels = new ArrayList<>();
    try {
      UdpQueryHandler udp = new UdpQueryHandler(responder);
      Bootstrap ub = new Bootstrap().group(group).channel(EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class)
          .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
          .handler(udp);
      if (EPOLL) {
        // recvmmsg: up to 16 datagrams of at most 4 KiB per read call; sendmmsg for the answers flushed together
        ub.option(EpollChannelOption.SO_REUSEPORT, true).option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_QUERY)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(16 * MAX_UDP_QUERY));
      }
      Channel first = ub.bind(address).sync().channel();
      channels.add(first);
      int port = ((InetSocketAddress) first.localAddress()).getPort();
      InetSocketAddress bound = new InetSocketAddress(address.getAddress(), port);
      TcpQueryHandler tcp = new TcpQueryHandler(responder);
      channels.add(new ServerBootstrap().group(group).channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) { tcpPipeline(ch, tcp); }
          }).bind(bound).sync().channel());
      for (int i = 1; EPOLL && i < threads; i++) channels.add(ub.bind(bound).sync().channel());
      InetSocketAddress metricsBound = null;
      if (metrics != null) {
        MetricsHttpHandler http = new MetricsHttpHandler(responder.metrics());
        Channel m = new ServerBootstrap().group(group).channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), http);
              }
            }).bind(metrics).sync().channel();
        channels.add(m);
        metricsBound = (InetSocketAddress) m.localAddress();
      }
      return new DnsServer(group, channels, metricsBound);
    } catch (InterruptedException | RuntimeException e) {
      channels.forEach(Channel::close);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** Idle timeout, 2-byte length framing both ways, the query handler. */
  static void tcpPipeline(Channel ch, TcpQueryHandler tcp) {
    ch.pipeline().addLast(new IdleStateHandler(0, 0, TCP_IDLE_SECONDS, TimeUnit.SECONDS),
        new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2), new LengthFieldPrepender(2), tcp);
  }

  /** "epoll" (one SO_REUSEPORT UDP socket per loop, recvmmsg) or "nio" (one UDP socket). */
  public static String transport() { return EPOLL ? "epoll" : "nio"; }

  public InetSocketAddress udpAddress() { return udpAddress; }

  public InetSocketAddress tcpAddress() { return tcpAddress; }

  /** null when no metrics endpoint was asked for. */
  public InetSocketAddress metricsAddress() { return metricsAddress; }

  @Override public void close() {
    channels.forEach(c -> c.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
