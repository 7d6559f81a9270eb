package io.j8s.hostnet.ipset;

import io.j8s.hostnet.HostnetException;
import java.util.Map;

/** The IP sets of the kernel (they are not per network namespace on old kernels; j8s names its own). */
public interface Ipset {
  /** Every set with its entries ({@code ipset save}), by name. */
  Map<String, IpSet> list() throws HostnetException;

  /** Runs {@code ipset restore} lines ({@code create}, {@code add}, {@code del}, {@code flush}, {@code destroy}). */
  void restore(String script) throws HostnetException;
}
