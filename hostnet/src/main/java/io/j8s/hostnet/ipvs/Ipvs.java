package io.j8s.hostnet.ipvs;

import io.j8s.hostnet.HostnetException;
import java.util.List;

/** The IPVS table of one network namespace: read whole, changed by a list of operations applied in order. */
public interface Ipvs {
  /** The current table ({@code ipvsadm-save -n}). */
  IpvsTable read() throws HostnetException;

  /**
   * Applies the operations in order (one {@code ipvsadm -R} run). On an error the operations before
   * the failing one stay applied, as with the real tool; the caller re-reads the table.
   */
  void apply(List<IpvsOp> ops) throws HostnetException;

  /** Active plus inactive connections per destination ({@code ipvsadm -L -n}), keyed {@code TCP 10.43.0.1:443/10.42.0.5:6443}. */
  java.util.Map<String, Integer> connections() throws HostnetException;
}
