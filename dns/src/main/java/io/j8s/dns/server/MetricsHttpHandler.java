package io.j8s.dns.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: Prometheus text; {@code /health} and {@code /ready}: OK; else 404. */
@ChannelHandler.Sharable
final class MetricsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final DnsMetrics metrics;

  MetricsHttpHandler(DnsMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String path = req.uri().split("\\?")[0];
    String body = switch (path) {
      case "/metrics" -> metrics.render();
      case "/health", "/ready" -> "OK";
      default -> null;
    };
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, body == null ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK,
        Unpooled.copiedBuffer(body == null ? "not found\n" : body, StandardCharsets.UTF_8));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, path.equals("/metrics") ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain");
    resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes());
    ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
