package io.j8s.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * One HTTP request and its response. Handlers run on a virtual thread and answer exactly once:
 * {@link #respond} for a whole body, or {@link #stream} for a body written piece by piece.
 */
public final class Exchange {
  private final ChannelHandlerContext ctx;
  private final FullHttpRequest request;
  private final byte[] body;
  private final QueryStringDecoder query;
  private final SSLSession session;
  private final boolean keepAlive;
  private final List<String> warnings = new ArrayList<>();
  private int status;

  Exchange(ChannelHandlerContext ctx, FullHttpRequest request, SSLSession session) {
    this.ctx = ctx;
    this.request = request;
    this.session = session;
    this.query = new QueryStringDecoder(request.uri());
    this.body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    this.keepAlive = HttpUtil.isKeepAlive(request);
  }

  public String method() { return request.method().name(); }
  public String path() { return query.path(); }
  public String uri() { return request.uri(); }
  public HttpHeaders headers() { return request.headers(); }
  public String header(String name) { return request.headers().get(name); }
  public byte[] body() { return body; }
  public SSLSession sslSession() { return session; }
  public Map<String, List<String>> params() { return query.parameters(); }
  public int status() { return status; }

  /** The last value of a query parameter, or null. */
  public String param(String name) {
    List<String> v = query.parameters().get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  /** Adds a {@code Warning: 299 - "..."} header to the response. */
  public void warn(String text) { warnings.add(text); }

  public void respond(int code, String contentType, byte[] content) {
    this.status = code;
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
        Unpooled.wrappedBuffer(content));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
    decorate(r);
    ChannelFuture f = ctx.writeAndFlush(r);
    if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
  }

  private void decorate(HttpResponse r) {
    r.headers().set("Cache-Control", "no-cache, private");
    for (String w : warnings) r.headers().add("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
    if (keepAlive) r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
  }

  /** The client's connection (to open a proxied connection on its event loop). */
  public io.netty.channel.Channel channel() { return ctx.channel(); }

  /**
   * Takes the connection out of HTTP: from now on it carries raw bytes to and from {@code peer},
   * which answers the request itself (bytes the HTTP decoder already holds go to the peer too).
   * Blocks until the pipeline has changed; for the metrics the request counts as 101 when it
   * asked to upgrade, else 200.
   */
  public void relayTo(io.netty.channel.Channel peer) {
    this.status = request.headers().contains(HttpHeaderNames.UPGRADE) ? 101 : 200;
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    ctx.channel().eventLoop().execute(() -> {
      try {
        io.netty.channel.ChannelPipeline p = ctx.pipeline();
        p.addLast(new Relay(peer));
        if (p.get(ApiChannelHandler.class) != null) p.remove(ApiChannelHandler.class);
        if (p.get(io.netty.handler.codec.http.HttpObjectAggregator.class) != null) p.remove(io.netty.handler.codec.http.HttpObjectAggregator.class);
        if (p.get(io.netty.handler.codec.http.HttpServerCodec.class) != null) p.remove(io.netty.handler.codec.http.HttpServerCodec.class);
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    done.join();
  }

  /** True when the client asks to switch this request to a WebSocket. */
  public boolean wantsWebSocket() {
    return "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
  }

  /**
   * Starts a streamed response: chunked HTTP, or a WebSocket (one message per piece) when the
   * client asked to upgrade.
   */
  public Stream stream(String contentType) {
    this.status = 200;
    if (wantsWebSocket()) {
      String scheme = session != null ? "wss://" : "ws://";
      WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(
          scheme + request.headers().get(HttpHeaderNames.HOST) + request.uri(),
          "v4.channel.k8s.io,channel.k8s.io,base64.channel.k8s.io", true, 16 * 1024 * 1024).newHandshaker(request);
      if (hs == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
        return new Stream(true, true);
      }
      ctx.pipeline().remove(ApiChannelHandler.class);
      hs.handshake(ctx.channel(), request).syncUninterruptibly();
      ctx.pipeline().addLast(new WebSocketFrameSink(hs));
      return new Stream(true, false);
    }
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    decorate(r);
    ctx.writeAndFlush(r);
    return new Stream(false, false);
  }

  /** A response body written in pieces; each {@link #write} is flushed. */
  public final class Stream implements AutoCloseable {
    private final boolean websocket;
    private volatile boolean closed;

    Stream(boolean websocket, boolean closed) {
      this.websocket = websocket;
      this.closed = closed;
    }

    /** False once the client went away. */
    public boolean open() { return !closed && ctx.channel().isActive(); }

    public void write(byte[] piece) {
      if (!open()) return;
      Object msg = websocket ? new TextWebSocketFrame(Unpooled.wrappedBuffer(piece))
          : new DefaultHttpContent(Unpooled.wrappedBuffer(piece));
      ctx.writeAndFlush(msg, ctx.voidPromise());
    }

    /** False while written data waits for the client to read (the channel's high-water mark). */
    public boolean writable() { return ctx.channel().isWritable(); }

    /** Waits (up to a bound) until written data has left, so a slow client slows its writer. */
    public void awaitWritable(long millis) throws InterruptedException {
      long end = System.currentTimeMillis() + millis;
      while (open() && !ctx.channel().isWritable() && System.currentTimeMillis() < end) Thread.sleep(5);
    }

    @Override public void close() {
      if (closed) return;
      closed = true;
      if (!ctx.channel().isActive()) return;
      if (websocket) {
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
      } else {
        ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
