package io.j8s.bench;

import io.j8s.testkit.server.ClusterTrust;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The bench's watch clients on Netty ({@code --watch-client netty}): every watch stream on one
 * event loop thread, TLS by BoringSSL when present, each event line read only as far as the
 * change number {@code "n":"N"} in it. Not the default: in the server's JVM it shares Netty's
 * classes with the server, whose JIT profiles it pollutes (class-check deoptimizations, and one
 * C2 recompilation of HttpObjectEncoder.write took 1.3 s inside the measured window), and it
 * measured about twice the CPU per delivery of the JDK-socket watchers. Measures the same thing:
 * the time from sending the change to the moment the watcher has read the event's line.
 */
final class NettyWatchers implements AutoCloseable {
  /** Receives one change number per event line, with the time its line was read. */
  interface Sink {
    /** False closes the watch. */
    boolean event(long nanoTime, int change);
  }

  private static final byte[] MARK = "\"n\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final SslContext ssl;
  private final URI base;
  private final String token;

  NettyWatchers(URI base, Path dataDir) throws Exception {
    this.base = base;
    this.token = ClusterTrust.adminToken(dataDir);
    this.ssl = SslContextBuilder.forClient()
        .sslProvider(io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
        .trustManager(ClusterTrust.trustManagers(dataDir)).build();
  }

  /**
   * Opens one chunked watch on {@code path}. {@code onOpen} runs once the response headers
   * arrived (the server has registered the watch); {@code onEnd} once the stream ended, with the
   * failure or null.
   */
  void watch(String path, Runnable onOpen, Sink sink, Consumer<Throwable> onEnd) {
    new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), base.getHost(), base.getPort()));
            ch.pipeline().addLast(new HttpClientCodec());
            ch.pipeline().addLast(new Stream(path, onOpen, sink, onEnd));
          }
        })
        .connect(base.getHost(), base.getPort())
        .addListener(f -> { if (!f.isSuccess()) onEnd.accept(f.cause()); });
  }

  /** One watch: sends the GET, then cuts the body into lines and reads the change number of each. */
  private final class Stream extends SimpleChannelInboundHandler<HttpObject> {
    private final String path;
    private final Runnable onOpen;
    private final Sink sink;
    private final Consumer<Throwable> onEnd;
    private byte[] line = new byte[1024];
    private int length;
    private boolean ended;

    Stream(String path, Runnable onOpen, Sink sink, Consumer<Throwable> onEnd) {
      this.path = path;
      this.onOpen = onOpen;
      this.sink = sink;
      this.onEnd = onEnd;
    }

    @Override public void channelActive(ChannelHandlerContext ctx) {
      FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
      r.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort())
          .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).set(HttpHeaderNames.ACCEPT, "application/json");
      ctx.writeAndFlush(r);
    }

    @Override protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpResponse r) {
        if (!r.status().equals(HttpResponseStatus.OK)) {
          end(ctx, new IOException("GET " + path + " -> " + r.status()));
          return;
        }
        onOpen.run();
      }
      if (msg instanceof HttpContent c && !ended) {
        ByteBuf b = c.content();
        for (int i = b.readerIndex(), to = b.writerIndex(); i < to && !ended; ) {
          int nl = b.indexOf(i, to, (byte) '\n');
          int end = nl < 0 ? to : nl;
          if (length + end - i > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + end - i));
          b.getBytes(i, line, length, end - i);
          length += end - i;
          i = end + 1;
          if (nl < 0) break;
          long now = System.nanoTime();
          int change = changeNumber();
          length = 0;
          if (change < 0) {
            end(ctx, new IOException("event without a change number"));
          } else if (!sink.event(now, change)) {
            end(ctx, null);
          }
        }
        if (msg instanceof LastHttpContent) end(ctx, ended ? null : new IOException("the server ended the watch"));
      }
    }

    /** The digits after the first {@code "n":"} of the line, or -1. */
    private int changeNumber() {
      outer:
      for (int i = 0; i + MARK.length <= length; i++) {
        for (int j = 0; j < MARK.length; j++) if (line[i + j] != MARK[j]) continue outer;
        int n = 0, k = i + MARK.length;
        if (k >= length || line[k] < '0' || line[k] > '9') return -1;
        for (; k < length && line[k] >= '0' && line[k] <= '9'; k++) n = n * 10 + (line[k] - '0');
        return n;
      }
      return -1;
    }

    private void end(ChannelHandlerContext ctx, Throwable failure) {
      if (ended) return;
      ended = true;
      ctx.close();
      onEnd.accept(failure);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) {
      end(ctx, new IOException("connection closed by the server"));
    }

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { end(ctx, cause); }
  }

  @Override public void close() { group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly(); }
}
