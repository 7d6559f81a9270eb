package io.j8s.proxy.nftables;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Upstream nftables kube-proxy's object names: a service port's base is
 * {@code HASH-ns/name/proto/port} and an endpoint's {@code HASH-ns/name/proto/port__ip/port}, HASH
 * being the first 8 characters of base32(sha256(the rest)), so names are readable in
 * {@code nft list} and still unique; prefixed {@code service-}, {@code local-}, {@code external-},
 * {@code firewall-}, {@code endpoint-} and {@code affinity-} (the ClientIP set of an endpoint).
 * Memoised; callers clear it now and then ({@link #clearIfLarger}).
 */
final class NftNames {
  private static final char[] B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final int MAX = 200;
  private final Map<String, String> bases = new HashMap<>();

  String service(ServicePortName p) {
    return "service-" + base(p);
  }

  String local(ServicePortName p) {
    return "local-" + base(p);
  }

  String external(ServicePortName p) {
    return "external-" + base(p);
  }

  String firewall(ServicePortName p) {
    return "firewall-" + base(p);
  }

  String endpoint(ServicePortName p, Endpoint e) {
    return "endpoint-" + endpointBase(p, e);
  }

  String affinity(ServicePortName p, Endpoint e) {
    return "affinity-" + endpointBase(p, e);
  }

  private String base(ServicePortName p) {
    return hashed(key(p));
  }

  private String endpointBase(ServicePortName p, Endpoint e) {
    return hashed(key(p) + "__" + e.ip() + "/" + e.port());
  }

  private static String key(ServicePortName p) {
    return p.service().namespace() + "/" + p.service().name() + "/" + p.lowerProtocol() + "/" + p.port();
  }

  private String hashed(String s) {
    return bases.computeIfAbsent(s, k -> {
      String n = hash8(k) + "-" + k;
      return n.length() > MAX ? n.substring(0, MAX) : n;
    });
  }

  void clearIfLarger(int limit) {
    if (bases.size() > limit) bases.clear();
  }

  /** The first 8 characters of base32(sha256(s)): exactly the first 5 bytes. */
  static String hash8(String s) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long v = 0;
    for (int i = 0; i < 5; i++) v = (v << 8) | (d[i] & 0xff);
    char[] out = new char[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = B32[(int) (v & 31)];
      v >>>= 5;
    }
    return new String(out);
  }
}
