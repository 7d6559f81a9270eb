package io.j8s.network.flannel;

import java.util.Arrays;
import java.util.Locale;

/** How pod traffic crosses to other nodes, with the bytes its encapsulation costs per packet. */
public enum Backend {
  HOST_GW("host-gw", 0),
  /** Outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14) headers. */
  VXLAN("vxlan", 50);

  public static final Backend DEFAULT = VXLAN;
  private final String id;
  private final int overhead;

  Backend(String id, int overhead) {
    this.id = id;
    this.overhead = overhead;
  }

  /** The name flannel and {@code --flannel-backend} use. */
  public String id() { return id; }

  /** The pods' MTU over an uplink of {@code uplinkMtu}. */
  public int podMtu(int uplinkMtu) { return uplinkMtu - overhead; }

  public static Backend parse(String s) {
    String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(b -> b.id.equals(t)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown flannel backend '" + s + "' (use host-gw or vxlan)"));
  }
}
