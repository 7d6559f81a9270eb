package io.j8s.hostnet.conntrack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which flows to delete: a protocol, and optionally the original destination address and port
 * (a service address) and the reply source (the endpoint a DNAT sent the flow to); null means any.
 */
public record FlowFilter(String protocol, String origDst, Integer origDstPort, String replySrc) {
  public FlowFilter {
    protocol = protocol.toLowerCase(Locale.ROOT);
  }

  /** The {@code conntrack -D} arguments. */
  public List<String> args() {
    List<String> a = new ArrayList<>(List.of("-D", "-p", protocol));
    if (origDst != null) a.addAll(List.of("--orig-dst", origDst));
    if (origDstPort != null) a.addAll(List.of("--orig-port-dst", origDstPort.toString()));
    if (replySrc != null) a.addAll(List.of("--reply-src", replySrc));
    return a;
  }
}
