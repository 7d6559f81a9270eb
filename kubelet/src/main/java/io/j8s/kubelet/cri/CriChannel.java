package io.j8s.kubelet.cri;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A plaintext gRPC channel to a Unix domain socket over Netty's epoll transport, with its own event loop. */
public final class CriChannel implements AutoCloseable {
  /** Larger than containerd's 16 MiB cap on ExecSync output, plus framing. */
  static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

  private final Path socket;
  private final EventLoopGroup group;
  private final ManagedChannel channel;

  public CriChannel(Path socket) {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException("CRI needs Netty's epoll transport for the Unix socket " + socket
          + ", which is not usable here: " + Epoll.unavailabilityCause());
    }
    this.socket = socket;
    this.group = new MultiThreadIoEventLoopGroup(1, (java.util.concurrent.ThreadFactory) r -> Thread.ofPlatform().daemon().name("cri-io").unstarted(r),
        EpollIoHandler.newFactory());
    this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(group)
        .channelType(EpollDomainSocketChannel.class)
        .overrideAuthority("localhost")
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  public Path socket() { return socket; }

  public ManagedChannel channel() { return channel; }

  /** Makes the next call dial at once instead of waiting out gRPC's reconnect back-off (after a runtime restart). */
  public void redialNow() { channel.resetConnectBackoff(); }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
