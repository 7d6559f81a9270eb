package io.j8s.network.flannel;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.j8s.api.net.Ipv4;
import java.util.Map;
import java.util.Optional;

/**
 * What the route planner needs of one Node: its name, podCIDR, the address its tunnel or
 * next hop is reached at (the {@code public-ip} annotation, else its InternalIP), and the
 * backend data it published (null fields until its agent did).
 */
public record PeerNode(String name, String podCidr, String publicIp, String backendType, String vtepMac) {

  /** The Node as a peer; empty without a valid podCIDR or address. */
  public static Optional<PeerNode> from(Node n) {
    if (n.getMetadata() == null || n.getSpec() == null) return Optional.empty();
    String cidr = n.getSpec().getPodCIDR();
    if (cidr == null || cidr.isBlank()) return Optional.empty();
    try {
      cidr = Ipv4.Cidr.parse(cidr).toString();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Map<String, String> ann = n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
    String ip = ann.get(FlannelAnnotations.PUBLIC_IP);
    if (ip == null || Ipv4.parse(ip).isEmpty()) ip = internalIp(n);
    if (ip == null) return Optional.empty();
    return Optional.of(new PeerNode(n.getMetadata().getName(), cidr, ip, ann.get(FlannelAnnotations.BACKEND_TYPE),
        FlannelAnnotations.vtepMac(ann.get(FlannelAnnotations.BACKEND_DATA)).orElse(null)));
  }

  static String internalIp(Node n) {
    if (n.getStatus() == null || n.getStatus().getAddresses() == null) return null;
    return n.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress)
        .filter(a -> Ipv4.parse(a).isPresent()).findFirst().orElse(null);
  }
}
