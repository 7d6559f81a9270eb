package io.j8s.network.flannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.j8s.hostnet.link.Mac;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Node annotations flannel's Kubernetes subnet manager publishes, which j8s publishes the
 * same way: {@code backend-type}, {@code backend-data} ({@code {"VNI":1,"VtepMAC":"..."}} for
 * vxlan, {@code null} for host-gw), {@code public-ip} and {@code kube-subnet-manager}.
 */
public final class FlannelAnnotations {
  public static final String PREFIX = "flannel.alpha.coreos.com/";
  public static final String BACKEND_TYPE = PREFIX + "backend-type";
  public static final String BACKEND_DATA = PREFIX + "backend-data";
  public static final String PUBLIC_IP = PREFIX + "public-ip";
  public static final String SUBNET_MANAGER = PREFIX + "kube-subnet-manager";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlannelAnnotations() {}

  /** The annotations a node with this backend publishes; {@code vtepMac} is null for host-gw. */
  public static Map<String, String> of(Backend backend, int vni, String vtepMac, String publicIp) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(BACKEND_TYPE, backend.id());
    m.put(BACKEND_DATA, backend == Backend.VXLAN ? "{\"VNI\":" + vni + ",\"VtepMAC\":\"" + Mac.normalize(vtepMac) + "\"}" : "null");
    m.put(SUBNET_MANAGER, "true");
    m.put(PUBLIC_IP, publicIp);
    return m;
  }

  /** The VTEP MAC in a {@code backend-data} value, if it holds a valid one. */
  public static Optional<String> vtepMac(String backendData) {
    if (backendData == null || backendData.isBlank()) return Optional.empty();
    try {
      JsonNode d = JSON.readTree(backendData);
      String mac = d == null ? null : d.path("VtepMAC").asText(null);
      return Mac.valid(mac) ? Optional.of(Mac.normalize(mac)) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code current} already holds every one of {@code wanted}. */
  public static boolean published(Map<String, String> current, Map<String, String> wanted) {
    return current != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
  }
}
