package io.j8s.hostnet.link;

/**
 * A VXLAN device to create: {@code name} with VNI {@code vni} on UDP {@code port}, tunnel
 * endpoint {@code local} over {@code parent}, with the given MTU; learning off (entries come from
 * the control plane, as flannel does).
 */
public record VxlanSpec(String name, int vni, int port, String local, String parent, int mtu) {
  public VxlanSpec {
    if (name == null || name.isEmpty() || name.length() > 15) throw new IllegalArgumentException("bad device name: " + name);
    if (vni < 1 || vni > 16_777_215) throw new IllegalArgumentException("VNI must be 1-16777215: " + vni);
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("bad UDP port: " + port);
    if (mtu < 68) throw new IllegalArgumentException("MTU too small: " + mtu);
  }

  /** Whether the existing device {@code l} already is this one (else it must be made again). */
  public boolean matches(Link l) {
    return l.vxlan() != null && l.vxlan().vni() == vni && l.vxlan().port() == port && local.equals(l.vxlan().local())
        && (parent == null || parent.equals(l.vxlan().parent())) && !l.vxlan().learning() && l.mtu() == mtu;
  }
}
