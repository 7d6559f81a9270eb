package io.j8s.hostnet.link;

/** A permanent neighbour (ARP) entry: {@code ip} is at {@code mac} on {@code dev}. */
public record Neighbour(String dev, String ip, String mac) {
  public Neighbour {
    mac = Mac.normalize(mac);
  }

  @Override public String toString() { return ip + " lladdr " + mac + " dev " + dev; }
}
