package io.j8s.kubelet.node;

import io.j8s.api.net.Ipv4;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The default node IP: the first global IPv4 address on the interface of the default route,
 * else the first global IPv4 address on any up interface (pod bridges and veths left out), else
 * none.
 */
public final class NodeAddresses {
  private NodeAddresses() {}

  /** An interface and its global IPv4 addresses, in the kernel's order. */
  record Interface(String name, List<String> addresses) {}

  public static Optional<String> defaultNodeIp() {
    return choose(defaultRouteInterface(HostFacts.readOr("/proc/net/route", "")), interfaces());
  }

  static Optional<String> choose(Optional<String> defaultRouteIf, List<Interface> interfaces) {
    if (defaultRouteIf.isPresent()) {
      for (Interface i : interfaces) {
        if (i.name().equals(defaultRouteIf.get()) && !i.addresses().isEmpty()) return Optional.of(i.addresses().get(0));
      }
    }
    return interfaces.stream().filter(i -> !isPodInterface(i.name())).flatMap(i -> i.addresses().stream()).findFirst();
  }

  static boolean isPodInterface(String name) {
    return name.equals("cni0") || name.startsWith("veth") || name.startsWith("flannel.");
  }

  /**
   * The interface of the first default route in /proc/net/route (destination and mask 0, route
   * up); a blackhole route names no interface ({@code *}).
   */
  static Optional<String> defaultRouteInterface(String procNetRoute) {
    String[] lines = procNetRoute.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8) continue;
      int flags;
      try {
        flags = Integer.parseInt(f[3], 16);
      } catch (NumberFormatException e) {
        continue;
      }
      if (f[1].equals("00000000") && f[7].equals("00000000") && (flags & 1) != 0 && !f[0].equals("*")) return Optional.of(f[0]);
    }
    return Optional.empty();
  }

  /** Global means: not loopback, link-local (169.254/16), or unspecified. */
  static boolean global(String ip) {
    var v = Ipv4.parse(ip);
    if (v.isEmpty()) return false;
    long a = v.getAsLong();
    return (a >>> 24) != 127 && (a >>> 16) != ((169 << 8) | 254) && a != 0;
  }

  private static List<Interface> interfaces() {
    List<Interface> out = new ArrayList<>();
    try {
      List<NetworkInterface> nics = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
      nics.sort(java.util.Comparator.comparingInt(NetworkInterface::getIndex));
      for (NetworkInterface nic : nics) {
        if (!nic.isUp() || nic.isLoopback()) continue;
        List<String> addrs = new ArrayList<>();
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && global(a.getHostAddress())) addrs.add(a.getHostAddress());
        }
        out.add(new Interface(nic.getName(), addrs));
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }
}
