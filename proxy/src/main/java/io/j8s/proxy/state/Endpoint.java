package io.j8s.proxy.state;

/**
 * One backend of a service port, from an EndpointSlice: an IPv4 address and target port with the
 * slice's conditions (ready, serving, terminating; absent ready or serving count as true and an
 * absent terminating as false, as upstream) and topology (node name, zone; empty when unknown).
 */
public record Endpoint(String ip, int port, boolean ready, boolean serving, boolean terminating, String nodeName, String zone)
    implements Comparable<Endpoint> {
  public Endpoint {
    nodeName = nodeName == null ? "" : nodeName;
    zone = zone == null ? "" : zone;
  }

  public static Endpoint ready(String ip, int port, String nodeName) {
    return new Endpoint(ip, port, true, true, false, nodeName, "");
  }

  /** {@code ip:port}, the DNAT destination and (with the port name) what endpoint chain names hash. */
  public String address() {
    return ip + ":" + port;
  }

  public boolean isLocal(String node) {
    return !nodeName.isEmpty() && nodeName.equals(node);
  }

  /** Usable only as a fallback, when no endpoint is ready: terminating but still serving. */
  public boolean servingTerminating() {
    return serving && terminating;
  }

  /** Endpoints sort by their address string, as upstream lists them. */
  @Override public int compareTo(Endpoint o) {
    return address().compareTo(o.address());
  }
}
