package io.j8s.proxy.ipvs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the kernel has IPVS (the probe j8s asks before starting in ipvs mode; tests inject their own). */
public interface IpvsKernel {
  boolean available();

  /** What was looked at, for the error message ({@code /proc/net/ip_vs is missing}). */
  String evidence();

  /** IPVS is there when the kernel shows {@code procNetIpVs} (the ip_vs module is loaded or built in). */
  static IpvsKernel at(Path procNetIpVs) {
    return new IpvsKernel() {
      @Override public boolean available() {
        return Files.exists(procNetIpVs);
      }

      @Override public String evidence() {
        return procNetIpVs + (available() ? " exists" : " is missing");
      }
    };
  }

  /** This machine's kernel. */
  static IpvsKernel system() {
    return at(Path.of("/proc/net/ip_vs"));
  }
}
