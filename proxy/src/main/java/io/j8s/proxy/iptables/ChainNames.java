package io.j8s.proxy.iptables;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream's per-service chain names: a prefix plus the first 16 characters of the standard
 * base32 encoding of the SHA-256 of {@code "ns/name:port" + "tcp"} (and {@code + "ip:port"} for an
 * endpoint chain), so {@code default/kubernetes:https} over TCP is {@code KUBE-SVC-NPX46M4PTMTKRN6Y}
 * here as on any kube-proxy node. Names are memoised (hashing 100,000 endpoints costs ~0.1 s).
 */
public final class ChainNames {
  public static final String SVC = "KUBE-SVC-";
  public static final String SVL = "KUBE-SVL-";
  public static final String EXT = "KUBE-EXT-";
  public static final String FW = "KUBE-FW-";
  public static final String SEP = "KUBE-SEP-";

  private static final char[] B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  // whole names are kept (not only their hashes), so a sync over 100,000 endpoints builds no strings
  private final ConcurrentHashMap<ServicePortName, PortNames> portNames = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<EndpointKey, String> endpointNames = new ConcurrentHashMap<>();

  private record PortNames(String svc, String svl, String ext, String fw) {}

  private record EndpointKey(ServicePortName port, String ip, int portNumber) {}

  public String svc(ServicePortName p) {
    return portNames(p).svc();
  }

  public String svl(ServicePortName p) {
    return portNames(p).svl();
  }

  public String ext(ServicePortName p) {
    return portNames(p).ext();
  }

  public String fw(ServicePortName p) {
    return portNames(p).fw();
  }

  public String sep(ServicePortName p, Endpoint e) {
    return endpointNames.computeIfAbsent(new EndpointKey(p, e.ip(), e.port()),
        k -> SEP + hash16(k.port() + k.port().lowerProtocol() + e.address()));
  }

  /** Whether the chain is one of the per-service chains the proxy owns (and may delete when stale). */
  public static boolean isServiceChain(String chain) {
    return chain.startsWith(SVC) || chain.startsWith(SVL) || chain.startsWith(EXT) || chain.startsWith(FW) || chain.startsWith(SEP);
  }

  /** Forgets memoised names (bounded memory when services churn). */
  public void clear() {
    portNames.clear();
    endpointNames.clear();
  }

  public int size() {
    return portNames.size() + endpointNames.size();
  }

  private PortNames portNames(ServicePortName p) {
    return portNames.computeIfAbsent(p, k -> {
      String h = hash16(k.toString() + k.lowerProtocol());
      return new PortNames(SVC + h, SVL + h, EXT + h, FW + h);
    });
  }

  /** The first 16 characters of base32(sha256(s)): 80 bits, exactly the first 10 bytes. */
  static String hash16(String s) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    char[] out = new char[16];
    long bits = 0;
    int n = 0;
    int o = 0;
    for (int i = 0; i < 10; i++) {
      bits = (bits << 8) | (h[i] & 0xff);
      n += 8;
      while (n >= 5) {
        out[o++] = B32[(int) (bits >>> (n - 5)) & 31];
        n -= 5;
      }
    }
    return new String(out);
  }

}
