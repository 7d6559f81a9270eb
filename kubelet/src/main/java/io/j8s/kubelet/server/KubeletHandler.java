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
 * client CA, else 401), authorizes it ({@link KubeletAuthorizer}, else 403 as upstream) and hands
 * it to the routes, both on a virtual thread.
 */
final class KubeletHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletHandler.class);
  private final Consumer<KubeletExchange> routes;
  private final ExecutorService workers;
  private final KubeletAuthorizer authorizer;
  private final String nodeName;

  KubeletHandler(Consumer<KubeletExchange> routes, ExecutorService workers, KubeletAuthorizer authorizer, String nodeName) {
    super(false);
    this.routes = routes;
    this.workers = workers;
    this.authorizer = authorizer;
    this.nodeName = nodeName;
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    KubeletExchange ex = new KubeletExchange(ctx, req);
    KubeletAuthorizer.User user = verifiedPeer(ctx);
    // an upgrade hands the connection over: read nothing more until the relay is in place
    if (req.headers().contains("Upgrade")) ctx.channel().config().setAutoRead(false);
    workers.execute(() -> {
      try {
        if (user == null) {
          ex.text(401, "Unauthorized");
          return;
        }
        RequestAttributes attrs = RequestAttributes.of(req.method().name(), ex.path(), nodeName);
        if (!authorizer.allowed(user, attrs)) {
          ex.text(403, attrs.forbidden(user.name()));
          return;
        }
        routes.accept(ex);
      } catch (RuntimeException e) {
        LOG.error("kubelet API {} {} failed", req.method(), req.uri(), e);
        ctx.close();
      } finally {
        req.release();
      }
    });
  }

  /** The client's identity from the certificate TLS verified, or null. */
  private static KubeletAuthorizer.User verifiedPeer(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null) return null;
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof java.security.cert.X509Certificate x)) return null;
      return user(x.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253));
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** CN is the user, each O a group (as the API server reads client certificates). */
  static KubeletAuthorizer.User user(String rfc2253) {
    String cn = "";
    java.util.List<String> groups = new java.util.ArrayList<>();
    try {
      for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(rfc2253).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) cn = rdn.getValue().toString();
        else if (rdn.getType().equalsIgnoreCase("O")) groups.add(0, rdn.getValue().toString()); // LdapName lists them last-first
      }
    } catch (javax.naming.InvalidNameException e) {
      return new KubeletAuthorizer.User(rfc2253, java.util.List.of());
    }
    return new KubeletAuthorizer.User(cn, groups);
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("kubelet API connection error: {}", cause.toString());
    ctx.close();
  }
}
