package io.j8s.dns.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One length-framed query (the frame decoder stripped the 2 bytes), one framed answer; idle connections are closed. */
@ChannelHandler.Sharable
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger LOG = LoggerFactory.getLogger(TcpQueryHandler.class);
  private final Responder responder;

  TcpQueryHandler(Responder responder) {
    this.responder = responder;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    responder.respond(ByteBufUtil.getBytes(frame), false).whenComplete((out, err) -> {
      if (out != null) ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
      else ctx.close(); // nothing to say to a peer that sends no query
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) ctx.close();
    else ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("TCP connection closed after an error", cause);
    ctx.close();
  }
}
