package io.j8s.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small TCP load generator and its backends, on platform threads and blocking sockets (no
 * allocation per request): a sink that discards what it reads (throughput) and an echo of fixed
 * size requests (latency). Each measurement runs {@code parallel} threads for a fixed time against
 * one address; the same code measures every target, so only the path between differs.
 */
final class TcpLoad {
  static final int CHUNK = 256 * 1024;
  static final int REQUEST = 64;

  private TcpLoad() {}

  /** Starts a sink on {@code ip:port} (daemon threads; lives as long as the JVM). */
  static void sink(String ip, int port) throws Exception {
    serve(ip, port, s -> {
      byte[] buf = new byte[CHUNK];
      InputStream in = s.getInputStream();
      while (in.read(buf) >= 0) {
        // discard
      }
    });
  }

  /** Starts an echo of {@link #REQUEST}-byte requests on {@code ip:port}. */
  static void echo(String ip, int port) throws Exception {
    serve(ip, port, s -> {
      s.setTcpNoDelay(true);
      byte[] buf = new byte[REQUEST];
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (in.readNBytes(buf, 0, REQUEST) == REQUEST) out.write(buf);
    });
  }

  interface Conn {
    void handle(Socket s) throws Exception;
  }

  private static void serve(String ip, int port, Conn conn) throws Exception {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    ss.bind(new InetSocketAddress(ip, port), 4096);
    Thread.ofPlatform().daemon().start(() -> {
      while (true) {
        try {
          Socket s = ss.accept();
          Thread.ofPlatform().daemon().start(() -> {
            try (s) {
              conn.handle(s);
            } catch (Exception ignored) {
              // the client went
            }
          });
        } catch (Exception e) {
          return;
        }
      }
    });
  }

  /** Bytes per second written by {@code parallel} connections to {@code target} for {@code millis}. */
  static double throughput(InetSocketAddress target, int parallel, long millis) throws Exception {
    AtomicLong bytes = new AtomicLong();
    long end = System.nanoTime() + millis * 1_000_000L;
    List<Thread> threads = new ArrayList<>();
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < parallel; i++) {
      Socket s = new Socket();
      s.connect(target, 5000);
      sockets.add(s);
    }
    long t0 = System.nanoTime();
    for (Socket s : sockets) {
      threads.add(Thread.ofPlatform().start(() -> {
        byte[] buf = new byte[CHUNK];
        long n = 0;
        try (s) {
          OutputStream out = s.getOutputStream();
          while (System.nanoTime() < end) {
            out.write(buf);
            n += buf.length;
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
        bytes.addAndGet(n);
      }));
    }
    for (Thread t : threads) t.join();
    return bytes.get() / ((System.nanoTime() - t0) / 1e9);
  }

  /** Request latencies (ns) and the rate: {@code parallel} threads, each persistent or a new connection per request. */
  record Latency(long[] nanos, double perSecond) {
    double p(double q) {
      if (nanos.length == 0) return Double.NaN;
      return nanos[Math.min(nanos.length - 1, (int) Math.ceil(q * nanos.length) - 1)] / 1000.0;
    }
  }

  static Latency latency(InetSocketAddress target, int parallel, long millis, boolean newConnections) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000L;
    long[][] samples = new long[parallel][];
    int[] counts = new int[parallel];
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < parallel; i++) {
      int id = i;
      threads.add(Thread.ofPlatform().start(() -> {
        long[] mine = new long[1 << 20];
        int n = 0;
        byte[] req = new byte[REQUEST];
        byte[] resp = new byte[REQUEST];
        Socket s = null;
        try {
          while (System.nanoTime() < end && n < mine.length) {
            long a = System.nanoTime();
            if (s == null) {
              s = new Socket();
              s.setTcpNoDelay(true);
              s.connect(target, 5000);
            }
            s.getOutputStream().write(req);
            if (s.getInputStream().readNBytes(resp, 0, REQUEST) != REQUEST) throw new IllegalStateException("short response");
            if (newConnections) {
              s.close();
              s = null;
            }
            mine[n++] = System.nanoTime() - a;
          }
          if (s != null) s.close();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
        samples[id] = mine;
        counts[id] = n;
      }));
    }
    for (Thread t : threads) t.join();
    double secs = (System.nanoTime() - t0) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int k = 0;
    for (int i = 0; i < parallel; i++) {
      System.arraycopy(samples[i], 0, all, k, counts[i]);
      k += counts[i];
    }
    Arrays.sort(all);
    return new Latency(all, total / secs);
  }
}
