package io.j8s.kubelet.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Copies what one channel reads to its peer as it comes. Back-pressure: while the peer cannot
 * take more (above its write high-water mark) this side stops reading. When either side closes
 * or fails, the other is closed once what was written to it has been flushed.
 */
final class Relay extends ChannelInboundHandlerAdapter {
  private final Channel peer;

  Relay(Channel peer) { this.peer = peer; }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        ctx.channel().close();
        peer.close();
      }
    });
    if (!peer.isWritable()) ctx.channel().config().setAutoRead(false);
  }

  /** Our own channel drained: the peer may read again. */
  @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) peer.config().setAutoRead(true);
    ctx.fireChannelWritabilityChanged();
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) { closeOnFlush(peer); }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeOnFlush(ctx.channel());
  }

  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
