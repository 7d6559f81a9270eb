package io.j8s.kubelet.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates each request (a client certificate that TLS verified against the cluster's
 * client CA, else 401) and hands it to the routes on a virtual thread.
 */
final class KubeletHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletHandler.class);
  private final Consumer<KubeletExchange> routes;
  private final ExecutorService workers;

  KubeletHandler(Consumer<KubeletExchange> routes, ExecutorService workers) {
    super(false);
    this.routes = routes;
    this.workers = workers;
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    KubeletExchange ex = new KubeletExchange(ctx, req);
    boolean authenticated = verifiedPeer(ctx);
    // an upgrade hands the connection over: read nothing more until the relay is in place
    if (req.headers().contains("Upgrade")) ctx.channel().config().setAutoRead(false);
    workers.execute(() -> {
      try {
        if (!authenticated) {
          ex.text(401, "Unauthorized");
        } else {
          routes.accept(ex);
        }
      } catch (RuntimeException e) {
        LOG.error("kubelet API {} {} failed", req.method(), req.uri(), e);
        ctx.close();
      } finally {
        req.release();
      }
    });
  }

  private static boolean verifiedPeer(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null) return false;
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      return chain.length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("kubelet API connection error: {}", cause.toString());
    ctx.close();
  }
}
