package io.j8s.proxy.userspace;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Relays one side of a connected pair to the other (both sides on one event loop): what it reads
 * is written to the peer, flushed at the end of each read burst; when the peer cannot take more it
 * stops reading until the peer drains (back-pressure through writability). A half-close is passed
 * on (the peer's output is shut once what was read before it is written) and the pair closes when
 * both directions have ended, or at once when either side closes or fails. The client's side is
 * installed when it is accepted, before its endpoint is connected: what arrives meanwhile (the
 * kernel may report a client's early FIN with its data even while not reading) is held and passed
 * on at {@link #link}. Bytes are counted into the service's metrics.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
  private final ServiceMetrics metrics;
  private final boolean fromClient;
  private SocketChannel self;
  private SocketChannel peer;
  private ArrayDeque<Object> held = new ArrayDeque<>();
  private boolean inputEnded;

  TcpRelay(ServiceMetrics metrics, boolean fromClient) {
    this.metrics = metrics;
    this.fromClient = fromClient;
  }

  /** Links the accepted client (whose relay is installed) and the connected endpoint, and starts reading both. */
  static void link(SocketChannel client, SocketChannel backend, ServiceMetrics metrics) {
    TcpRelay front = client.pipeline().get(TcpRelay.class);
    TcpRelay back = new TcpRelay(metrics, false);
    backend.pipeline().addLast(back);
    back.self = backend;
    back.peer = client;
    front.self = client;
    front.peer = backend;
    for (Object m; (m = front.held.poll()) != null;) backend.write(m, backend.voidPromise());
    front.held = null;
    backend.flush();
    if (front.inputEnded) front.passHalfClose();
    resume(client);
    resume(backend);
  }

  /** Reads on; not on a channel whose input is shut (nothing is left to read there). */
  private static void resume(SocketChannel c) {
    if (!c.isInputShutdown()) c.config().setAutoRead(true);
  }

  @Override public void handlerAdded(ChannelHandlerContext ctx) {
    self = (SocketChannel) ctx.channel();
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      if (fromClient) metrics.in(b.readableBytes());
      else metrics.out(b.readableBytes());
    }
    if (peer == null) held.add(msg);
    else peer.write(msg, peer.voidPromise());
  }

  @Override public void channelReadComplete(ChannelHandlerContext ctx) {
    if (peer == null) return;
    peer.flush();
    if (!peer.isWritable() && !self.isInputShutdown()) self.config().setAutoRead(false);
  }

  @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (peer != null && ctx.channel().isWritable()) resume(peer);
    ctx.fireChannelWritabilityChanged();
  }

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      inputEnded = true;
      if (peer != null) passHalfClose();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void passHalfClose() {
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        closeBoth();
        return;
      }
      peer.shutdownOutput().addListener((ChannelFutureListener) g -> {
        if (!g.isSuccess() || (self.isShutdown() && peer.isShutdown())) closeBoth();
      });
    });
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    if (held != null) held.forEach(ReferenceCountUtil::release);
    if (peer != null && peer.isActive()) peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeBoth();
  }

  private void closeBoth() {
    self.close();
    if (peer != null) peer.close();
  }
}
