package io.j8s.proxy.userspace;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;

/**
 * Relays one connected pair both ways (both on one event loop): what one side reads is written to
 * the other, flushed at the end of each read burst; a side whose peer cannot take more stops
 * reading until the peer drains (back-pressure through writability). A half-close is passed on
 * (the peer's output is shut once what was read before it is written) and the pair closes when
 * both directions have ended, or at once when either side closes or fails. Bytes are counted into
 * the service's metrics.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
  private final SocketChannel peer;
  private final ServiceMetrics metrics;
  private final boolean fromClient;

  private TcpRelay(SocketChannel peer, ServiceMetrics metrics, boolean fromClient) {
    this.peer = peer;
    this.metrics = metrics;
    this.fromClient = fromClient;
  }

  /** Links the accepted client and the connected endpoint and starts reading both. */
  static void link(SocketChannel client, SocketChannel backend, ServiceMetrics metrics) {
    client.pipeline().addLast(new TcpRelay(backend, metrics, true));
    backend.pipeline().addLast(new TcpRelay(client, metrics, false));
    client.config().setAutoRead(true);
    backend.config().setAutoRead(true);
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      if (fromClient) metrics.in(b.readableBytes());
      else metrics.out(b.readableBytes());
    }
    peer.write(msg, peer.voidPromise());
  }

  @Override public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
    if (!peer.isWritable()) ctx.channel().config().setAutoRead(false);
  }

  @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) peer.config().setAutoRead(true);
    ctx.fireChannelWritabilityChanged();
  }

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      SocketChannel self = (SocketChannel) ctx.channel();
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          closeBoth(self);
          return;
        }
        peer.shutdownOutput().addListener((ChannelFutureListener) g -> {
          if (!g.isSuccess() || (self.isShutdown() && peer.isShutdown())) closeBoth(self);
        });
      });
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    if (peer.isActive()) peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeBoth(ctx.channel());
  }

  private void closeBoth(Channel self) {
    self.close();
    peer.close();
  }
}
