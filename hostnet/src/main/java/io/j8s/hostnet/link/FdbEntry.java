package io.j8s.hostnet.link;

/** A permanent forwarding-database entry of a VXLAN device: frames for {@code mac} go to the tunnel endpoint {@code dst}. */
public record FdbEntry(String dev, String mac, String dst) {
  public FdbEntry {
    mac = Mac.normalize(mac);
  }

  @Override public String toString() { return mac + " dev " + dev + " dst " + dst; }
}
