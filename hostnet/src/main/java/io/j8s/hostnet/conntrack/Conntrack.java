package io.j8s.hostnet.conntrack;

import io.j8s.hostnet.HostnetException;

/** The connection-tracking table of one network namespace: deleting flows that would keep going to a gone backend. */
public interface Conntrack {
  /**
   * Deletes the flows matching the filter; deleting nothing is not an error.
   *
   * @return the number of flows deleted, when the tool says (else -1)
   */
  int delete(FlowFilter filter) throws HostnetException;
}
