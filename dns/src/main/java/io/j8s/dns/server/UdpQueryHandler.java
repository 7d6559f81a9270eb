package io.j8s.dns.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One datagram, one answer to its sender; answers ready at once are flushed together at the end of a read burst. */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger LOG = LoggerFactory.getLogger(UdpQueryHandler.class);
  private final Responder responder;

  UdpQueryHandler(Responder responder) {
    this.responder = responder;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    byte[] query = ByteBufUtil.getBytes(packet.content());
    InetSocketAddress sender = packet.sender();
    CompletableFuture<byte[]> f = responder.respond(query, true);
    if (f.isDone() && !f.isCompletedExceptionally()) {
      byte[] out = f.join();
      if (out != null) ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(out), sender));
    } else {
      f.whenComplete((out, err) -> {
        if (out != null) ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out), sender));
        else if (err != null) LOG.debug("no answer to {}", sender, err);
      });
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("UDP error (socket kept)", cause); // a datagram socket survives one bad packet or ICMP error
  }
}
