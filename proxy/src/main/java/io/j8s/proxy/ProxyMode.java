package io.j8s.proxy;

import io.j8s.proxy.ipvs.IpvsKernel;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code --proxy-mode} values; {@link #check(Path)} says whether this kernel can run one. */
public enum ProxyMode {
  IPTABLES, NFTABLES, IPVS, USERSPACE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
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
   * the modes that need none).
   */
  public void check(IpvsKernel kernel) {
    if (this == IPVS && !kernel.available()) {
      throw new IllegalArgumentException("--proxy-mode ipvs needs the kernel's IPVS, and this kernel has none (" + kernel.evidence()
          + "; load the ip_vs module if it exists); use --proxy-mode iptables|nftables|userspace instead");
    }
  }
}
