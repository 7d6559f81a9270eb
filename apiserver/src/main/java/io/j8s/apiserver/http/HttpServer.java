package io.j8s.apiserver.http;

import io.j8s.apiserver.errors.ApiException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A Netty HTTPS (or, with no SSL context, plain HTTP) server feeding an exchange dispatcher. On
 * Linux it runs on Netty's native epoll transport, else (or with {@code -Dj8s.http.transport=nio})
 * on the JDK's selector.
 */
public final class HttpServer implements AutoCloseable {
  static {
    // Netty's default leak detection (SIMPLE) tracks one buffer in 128 and records a stack trace
    // (a ResourceLeakDetector$TraceRecord Throwable) when each tracked buffer is made and again when
    // it is released: ~5,000 Throwables in one API bench run, though no leak was ever reported.
    // Off unless asked for (-Dio.netty.leakDetection.level=...; the test suites ask for it).
    if (System.getProperty("io.netty.leakDetection.level") == null && System.getProperty("io.netty.leakDetectionLevel") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  private static final boolean EPOLL = !"nio".equals(System.getProperty("j8s.http.transport")) && Epoll.isAvailable();
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandler());
  private final EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(ioHandler());
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Channel channel;

  public HttpServer(String bindAddress, int port, SslContext ssl, int maxBodyBytes, Consumer<Exchange> dispatcher)
      throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(boss, ioGroup)
        .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096) // a thousand informers reconnecting at once must not see SYNs dropped
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (ssl != null) p.addLast(ssl.newHandler(ch.alloc()));
            p.addLast(new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
            p.addLast(new LimitingAggregator(maxBodyBytes));
            p.addLast(new ApiChannelHandler(dispatcher, workers));
          }
        });
    this.channel = b.bind(new InetSocketAddress(bindAddress, port)).sync().channel();
  }

  private static IoHandlerFactory ioHandler() { return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory(); }

  /** The client socket channel class matching this server's event loops (for connections it opens, e.g. to kubelets). */
  public static Class<? extends io.netty.channel.socket.SocketChannel> clientChannel() {
    return EPOLL ? io.netty.channel.epoll.EpollSocketChannel.class : io.netty.channel.socket.nio.NioSocketChannel.class;
  }

  /** The socket transport in use: "epoll" or "nio". */
  public static String transport() { return EPOLL ? "epoll" : "nio"; }

  public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

  @Override public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    ioGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    workers.shutdownNow();
  }

  /** Aggregates bodies up to the limit and answers larger ones with a 413 Status. */
  private static final class LimitingAggregator extends HttpObjectAggregator {
    private final int limit;
    LimitingAggregator(int limit) {
      super(limit);
      this.limit = limit;
    }
    @Override protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      byte[] body = io.j8s.apiserver.store.Json.bytes(ApiException.tooLarge(limit).toStatus());
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          Unpooled.wrappedBuffer(body));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      // Closing while the client is still uploading makes the kernel answer its next segments with a
      // reset, which can reach the client before the 413 does. A keep-alive connection therefore stays
      // open: the aggregator discards the rest of the oversized body and the connection is reusable.
      if (oversized instanceof io.netty.handler.codec.http.FullHttpMessage || !io.netty.handler.codec.http.HttpUtil.isKeepAlive(oversized)) {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      }
    }
  }

}
