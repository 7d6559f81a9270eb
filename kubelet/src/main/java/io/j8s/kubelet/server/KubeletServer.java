package io.j8s.kubelet.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.stats.KubeletReports;
import io.j8s.kubelet.stats.PodWorkerMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's HTTPS API. {@link #start} generates (or reuses) the self-signed serving
 * certificate under {@code <agentDir>/kubelet/}, and accepts only clients whose certificate the
 * cluster client CA signed (the API server's kubelet-client certificate, or an admin's); others
 * get 401. Then each request is authorized as upstream's kubelet does: on {@code nodes/<subresource>}
 * ({@link RequestAttributes}) by a {@link KubeletAuthorizer}; the agent asks the API server with a
 * SubjectAccessReview (webhook mode), else 403.
 */
public final class KubeletServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletServer.class);
  /** Upstream's kubelet port. */
  public static final int DEFAULT_PORT = 10250;

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ExecutorService workers;
  private final Channel channel;

  private KubeletServer(EventLoopGroup boss, EventLoopGroup io, ExecutorService workers, Channel channel) {
    this.boss = boss;
    this.io = io;
    this.workers = workers;
    this.channel = channel;
  }

  /**
   * @param bindAddress  where to listen ("0.0.0.0")
   * @param port         10250; 0 picks a free one
   * @param agentDir     {@code <data-dir>/agent}; the certificate goes to {@code <agentDir>/kubelet/}
   * @param clientCaFile PEM file of the cluster client CA
   * @param hostname     the node's name, for the certificate
   * @param addresses    the node's addresses, for the certificate's SANs
   * @param pods         the pods this kubelet knows (for /pods and log following)
   */
  public static KubeletServer start(String bindAddress, int port, Path agentDir, Path clientCaFile, String hostname,
      List<String> addresses, CriRuntime cri, Supplier<List<Pod>> pods) throws Exception {
    return start(bindAddress, port, agentDir, clientCaFile, hostname, addresses, cri, pods,
        KubeletReports.of(cri, hostname, agentDir, pods, new PodWorkerMetrics()), KubeletAuthorizer.ALWAYS_ALLOW);
  }

  /**
   * As above, with the reports behind {@code /metrics}, {@code /metrics/resource} and {@code /stats/summary},
   * and the authorizer every authenticated request must pass ({@link SubjectAccessReviews} for upstream's webhook mode).
   */
  public static KubeletServer start(String bindAddress, int port, Path agentDir, Path clientCaFile, String hostname,
      List<String> addresses, CriRuntime cri, Supplier<List<Pod>> pods, KubeletReports reports, KubeletAuthorizer authorizer)
      throws Exception {
    List<String> sans = new java.util.ArrayList<>(List.of(hostname, "localhost", "127.0.0.1"));
    for (String a : addresses) if (!sans.contains(a)) sans.add(a);
    ServingCertificate serving = ServingCertificate.loadOrCreate(agentDir.resolve("kubelet"), hostname, sans);
    X509Certificate[] cas = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(clientCaFile))).stream()
        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    SslContext ssl = SslContextBuilder.forServer(serving.key(), serving.cert())
        .trustManager(cas).clientAuth(ClientAuth.OPTIONAL).protocols("TLSv1.3", "TLSv1.2").build();
    KubeletRoutes routes = new KubeletRoutes(cri, pods, reports);
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Channel ch = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel c) {
              ChannelPipeline p = c.pipeline();
              p.addLast(ssl.newHandler(c.alloc()));
              p.addLast(new HttpServerCodec());
              p.addLast(new HttpObjectAggregator(1024 * 1024));
              p.addLast(new KubeletHandler(routes, workers, authorizer, hostname));
            }
          }).bind(new InetSocketAddress(bindAddress, port)).sync().channel();
      KubeletServer s = new KubeletServer(boss, io, workers, ch);
      LOG.info("kubelet API listening on {}:{}", bindAddress, s.port());
      return s;
    } catch (Exception | Error e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownNow();
      throw e;
    }
  }

  public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

  @Override public void close() {
    channel.close().syncUninterruptibly();
    workers.shutdownNow();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
