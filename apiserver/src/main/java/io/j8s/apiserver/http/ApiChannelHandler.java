package io.j8s.apiserver.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each aggregated request to the dispatcher on a virtual thread. */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiChannelHandler.class);
  private final Consumer<Exchange> dispatcher;
  private final ExecutorService workers;

  ApiChannelHandler(Consumer<Exchange> dispatcher, ExecutorService workers) {
    super(false);
    this.dispatcher = dispatcher;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    SSLSession session = ssl == null ? null : ssl.engine().getSession();
    workers.execute(() -> {
      try {
        dispatcher.accept(new Exchange(ctx, req, session));
      } catch (RuntimeException e) {
        LOG.error("request {} {} failed", req.method(), req.uri(), e);
        ctx.close();
      } finally {
        req.release();
      }
    });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error: {}", cause.toString());
    ctx.close();
  }
}
