package io.j8s.apiserver.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;

/** On a server-to-client stream: answers pings, closes on a close frame, ignores the rest. */
final class WebSocketFrameSink extends SimpleChannelInboundHandler<WebSocketFrame> {
  private final WebSocketServerHandshaker handshaker;

  WebSocketFrameSink(WebSocketServerHandshaker handshaker) { this.handshaker = handshaker; }

  @Override protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame c) {
      handshaker.close(ctx.channel(), c.retain());
    } else if (frame instanceof PingWebSocketFrame p) {
      ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
    }
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
}
