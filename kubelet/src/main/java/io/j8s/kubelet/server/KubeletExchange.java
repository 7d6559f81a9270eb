package io.j8s.kubelet.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One request to the kubelet and its answer: whole, streamed (chunked), or the connection handed over (upgrades). */
final class KubeletExchange {
  private final ChannelHandlerContext ctx;
  private final FullHttpRequest request;
  private final QueryStringDecoder query;
  private final byte[] body;
  private final boolean keepAlive;

  KubeletExchange(ChannelHandlerContext ctx, FullHttpRequest request) {
    this.ctx = ctx;
    this.request = request;
    this.query = new QueryStringDecoder(request.uri());
    this.body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    this.keepAlive = HttpUtil.isKeepAlive(request) && !request.headers().contains(HttpHeaderNames.UPGRADE);
  }

  FullHttpRequest request() { return request; }
  String method() { return request.method().name(); }
  String path() { return query.path(); }
  String rawQuery() { return query.rawQuery(); }
  Map<String, List<String>> params() { return query.parameters(); }
  byte[] body() { return body; }
  Channel channel() { return ctx.channel(); }

  void respond(int code, String contentType, byte[] content) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code), Unpooled.wrappedBuffer(content));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
    connection(r);
    ChannelFuture f = ctx.writeAndFlush(r);
    if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
  }

  void text(int code, String text) { respond(code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8)); }

  private void connection(HttpResponse r) {
    r.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
  }

  /** Starts a chunked response. */
  Stream stream(String contentType) {
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    connection(r);
    ctx.writeAndFlush(r);
    return new Stream();
  }

  /** A chunked body; each write is flushed, and waits while the client is slower than the writer. */
  final class Stream implements AutoCloseable {
    boolean open() { return ctx.channel().isActive(); }

    void write(List<byte[]> pieces) throws InterruptedException {
      if (pieces.isEmpty() || !open()) return;
      int n = 0;
      for (byte[] p : pieces) n += p.length;
      byte[] all = new byte[n];
      int at = 0;
      for (byte[] p : pieces) {
        System.arraycopy(p, 0, all, at, p.length);
        at += p.length;
      }
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(all)), ctx.voidPromise());
      while (open() && !ctx.channel().isWritable()) Thread.sleep(2);
    }

    @Override public void close() {
      if (!open()) return;
      ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Takes the connection out of HTTP: from now on it carries raw bytes to and from {@code peer}
   * (bytes the HTTP decoder already holds go to the peer too). Completes on the event loop.
   */
  CompletableFuture<Void> relayTo(Channel peer) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.channel().eventLoop().execute(() -> {
      ChannelPipeline p = ctx.pipeline();
      p.addLast(new Relay(peer));
      p.remove(KubeletHandler.class);
      p.remove(HttpObjectAggregator.class);
      p.remove(HttpServerCodec.class);
      ctx.channel().config().setAutoRead(true);
      done.complete(null);
    });
    return done;
  }
}
