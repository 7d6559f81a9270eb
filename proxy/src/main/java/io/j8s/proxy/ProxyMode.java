package io.j8s.proxy;

import io.j8s.proxy.ipvs.IpvsKernel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The {@code --proxy-mode} values; {@link #check(Path)} says whether this build and kernel can run one. */
public enum ProxyMode {
  IPTABLES(true), NFTABLES(true), IPVS(true), USERSPACE(true);

  private final boolean implemented;

  ProxyMode(boolean implemented) {
    this.implemented = implemented;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<ProxyMode> implemented() {
    return Arrays.stream(values()).filter(m -> m.implemented).toList();
  }

  static String implementedList() {
    return String.join(", ", implemented().stream().map(ProxyMode::id).toList());
  }

  /** Parses a flag value; the message of the exception names every mode. */
  public static ProxyMode parse(String s) {
    for (ProxyMode m : values()) if (m.id().equals(s.trim().toLowerCase(Locale.ROOT))) return m;
    throw new IllegalArgumentException("unknown proxy mode '" + s + "': use iptables, nftables, ipvs or userspace");
  }

  /** {@link #check(IpvsKernel)} with the kernel's IPVS seen at {@code procNetIpVs}. */
  public void check(Path procNetIpVs) {
    check(IpvsKernel.at(procNetIpVs));
  }

  /**
   * Throws with the reason when this mode cannot run here: ipvs on a kernel without IPVS (naming
   * the modes that need none), or a mode not implemented yet.
   */
  public void check(IpvsKernel kernel) {
    if (this == IPVS && !kernel.available()) {
      throw new IllegalArgumentException("--proxy-mode ipvs needs the kernel's IPVS, and this kernel has none (" + kernel.evidence()
          + "; load the ip_vs module if it exists); use --proxy-mode iptables|nftables|userspace instead");
    }
    if (!implemented) {
      throw new IllegalArgumentException("--proxy-mode " + id() + " is not implemented yet; implemented modes: " + implementedList());
    }
  }
}
