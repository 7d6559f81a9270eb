package io.j8s.proxy.userspace;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every listener and relayed connection of the mode runs on: the JDK's selector
 * (Netty's NIO transport). A connection's two sides share one loop.
 *
 * <p>Not Netty's native epoll, as the API server uses: this mode relays half-closed connections
 * (the client's FIN passed on while the answer still flows back), and Netty 4.2's epoll registry
 * (up to 4.2.20 at least) removes a socket from its epoll set once it waits for nothing (input shut,
 * no write pending) but then modifies, rather than re-adds, it when a write has to wait: the write
 * fails with ENOENT and the rest of the answer is lost. {@code
 * UserspaceProxierTest.aClientThatHalfClosesFirstGetsTheWholeAnswer} lost half of 8 MiB on epoll
 * every time; NIO re-arms its keys correctly.
 */
final class Transport implements AutoCloseable {
  static {
    // as the API server: Netty's leak detector (which records a stack trace per sampled buffer) is off
    // unless asked for (-Dio.netty.leakDetection.level=...; the test suites ask for it)
    if (System.getProperty("io.netty.leakDetection.level") == null && System.getProperty("io.netty.leakDetectionLevel") == null) {
      io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
  }

  final EventLoopGroup group;

  Transport(int threads) {
    this.group = new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory("userspace-proxy", true),
        NioIoHandler.newFactory());
  }

  Class<? extends ServerSocketChannel> serverChannel() {
    return NioServerSocketChannel.class;
  }

  Class<? extends SocketChannel> socketChannel() {
    return NioSocketChannel.class;
  }

  Class<? extends DatagramChannel> datagramChannel() {
    return NioDatagramChannel.class;
  }

  @Override public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
