package io.j8s.proxy.state;

import java.util.Locale;

/**
 * One port of a Service: {@code ns/name:portName} plus the protocol (upstream's ServicePortName).
 * {@link #toString()} is upstream's string form ({@code ns/name} when the port has no name),
 * which is what iptables chain names are hashed from and what rule comments show.
 */
public record ServicePortName(ServiceRef service, String port, String protocol) implements Comparable<ServicePortName> {
  public ServicePortName {
    port = port == null ? "" : port;
    protocol = protocol == null ? "TCP" : protocol.toUpperCase(Locale.ROOT);
  }

  public static ServicePortName of(String namespace, String name, String port, String protocol) {
    return new ServicePortName(new ServiceRef(namespace, name), port, protocol);
  }

  /** The protocol in lower case, as iptables matches and hashes it ({@code tcp}, {@code udp}, {@code sctp}). */
  public String lowerProtocol() {
    return protocol.toLowerCase(Locale.ROOT);
  }

  @Override public int compareTo(ServicePortName o) {
    int c = service.compareTo(o.service);
    if (c != 0) return c;
    c = port.compareTo(o.port);
    return c != 0 ? c : protocol.compareTo(o.protocol);
  }

  @Override public String toString() {
    return port.isEmpty() ? service.toString() : service + ":" + port;
  }
}
