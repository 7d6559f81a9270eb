package io.j8s.hostnet.ipvs;

/** One destination of a virtual server, reached by masquerading (NAT), with its weight (0: quiesced, no new connections). */
public record RealServer(String address, int port, int weight) {
  public RealServer {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    if (weight < 0) throw new IllegalArgumentException("negative weight: " + weight);
  }

  /** What identifies the destination within its service: {@code 10.42.0.5:8080}. */
  public String key() {
    return address + ":" + port;
  }

  public RealServer withWeight(int w) {
    return new RealServer(address, port, w);
  }
}
