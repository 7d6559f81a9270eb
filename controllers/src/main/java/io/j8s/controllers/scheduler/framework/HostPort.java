package io.j8s.controllers.scheduler.framework;

/** A host port a container asks for; an empty or 0.0.0.0 address means every address. */
public record HostPort(String protocol, String ip, int port) {
  static final String ANY = "0.0.0.0";

  public boolean conflicts(HostPort o) {
    return port == o.port && protocol.equals(o.protocol) && (ip.equals(o.ip) || ip.equals(ANY) || o.ip.equals(ANY));
  }
}
