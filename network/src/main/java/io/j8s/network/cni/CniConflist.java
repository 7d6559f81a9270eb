package io.j8s.network.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.j8s.api.net.Ipv4;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's CNI network list (CNI 1.0.0): bridge + host-local, then portmap; containerd adds
 * loopback itself. The bridge does not masquerade ({@code ipMasq: false}): the pod network's own
 * rules do, exempting the whole cluster CIDR. Pure: {@link #render()} gives the file's text.
 *
 * @param name the network name
 * @param podCidr the node's {@code spec.podCIDR}, host-local's only range
 * @param bridge the bridge device, the pods' gateway ({@code cni0})
 * @param ipamDataDir where host-local keeps its allocations (under the agent dir, never the shared /var/lib/cni)
 * @param mtu the bridge and veth MTU, or 0 for the plugin's default
 */
public record CniConflist(String name, String podCidr, String bridge, Path ipamDataDir, int mtu) {
  public static final String CNI_VERSION = "1.0.0";
  public static final String DEFAULT_NAME = "j8s";
  public static final String DEFAULT_BRIDGE = "cni0";
  /** The file containerd reads: the first conflist in lexical order wins, so it sorts early. */
  public static final String FILE_NAME = "10-j8s.conflist";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public CniConflist {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("CNI network name is empty");
    if (bridge == null || bridge.isEmpty() || bridge.length() > 15) {
      throw new IllegalArgumentException("bridge name must be 1-15 characters (a Linux interface name): " + bridge);
    }
    if (!ipamDataDir.isAbsolute()) throw new IllegalArgumentException("host-local dataDir must be absolute: " + ipamDataDir);
    if (mtu < 0) throw new IllegalArgumentException("mtu must not be negative: " + mtu);
    Ipv4.Cidr c = Ipv4.Cidr.parse(podCidr);
    if (c.prefix() > 30) throw new IllegalArgumentException("podCIDR " + podCidr + " has no room for a gateway and pods (prefix > 30)");
    podCidr = c.toString();
  }

  /** The standard chain for {@code podCidr} with the default name and bridge and the plugin's default MTU. */
  public static CniConflist standard(String podCidr, Path ipamDataDir) {
    return standard(podCidr, ipamDataDir, 0);
  }

  /** The standard chain with the pods' MTU (the backend's: the uplink's less its encapsulation), 0 for the plugin's default. */
  public static CniConflist standard(String podCidr, Path ipamDataDir, int mtu) {
    return new CniConflist(DEFAULT_NAME, podCidr, DEFAULT_BRIDGE, ipamDataDir, mtu);
  }

  /** The gateway host-local hands out and the bridge carries: the subnet's first address. */
  public String gateway() {
    return Ipv4.format(Ipv4.Cidr.parse(podCidr).network() + 1);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("subnet", podCidr);
    range.put("gateway", gateway());
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("type", "host-local");
    ipam.put("ranges", List.of(List.of(range)));
    ipam.put("routes", List.of(Map.of("dst", "0.0.0.0/0")));
    ipam.put("dataDir", ipamDataDir.toString());
    Map<String, Object> bridgePlugin = new LinkedHashMap<>();
    bridgePlugin.put("type", "bridge");
    bridgePlugin.put("bridge", bridge);
    bridgePlugin.put("isGateway", true);
    // masquerading is the network provider's (io.j8s.network.flannel.MasqueradeRules): the plugin could only exempt this node's subnet
    bridgePlugin.put("ipMasq", false);
    bridgePlugin.put("hairpinMode", true);
    if (mtu > 0) bridgePlugin.put("mtu", mtu);
    bridgePlugin.put("ipam", ipam);
    Map<String, Object> portmap = new LinkedHashMap<>();
    portmap.put("type", "portmap");
    portmap.put("capabilities", Map.of("portMappings", true));
    portmap.put("snat", true);
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("cniVersion", CNI_VERSION);
    list.put("name", name);
    list.put("plugins", List.of(bridgePlugin, portmap));
    return list;
  }

  /** The conflist's JSON text, indented, ending with a newline. */
  public String render() {
    try {
      return JSON.writeValueAsString(toMap()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plugin binaries this chain needs, containerd's loopback included. */
  public static List<String> requiredPlugins() {
    return List.of("bridge", "host-local", "portmap", "loopback");
  }
}
