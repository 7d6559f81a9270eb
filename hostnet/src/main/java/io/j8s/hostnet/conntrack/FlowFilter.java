package io.j8s.hostnet.conntrack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which flows to delete: optionally a protocol (null: any), the original source, the original
 * destination address and port (a service address) and the reply source (the endpoint a DNAT sent
 * the flow to, or simply the flow's responder); null means any.
 */
public record FlowFilter(String protocol, String origSrc, String origDst, Integer origDstPort, String replySrc) {
  public FlowFilter {
    protocol = protocol == null ? null : protocol.toLowerCase(Locale.ROOT);
    if (protocol == null && origDstPort != null) throw new IllegalArgumentException("a port filter needs a protocol");
  }

  public FlowFilter(String protocol, String origDst, Integer origDstPort, String replySrc) {
    this(protocol, null, origDst, origDstPort, replySrc);
  }

  /** Every flow {@code ip} started (any protocol). */
  public static FlowFilter from(String ip) { return new FlowFilter(null, ip, null, null, null); }

  /** Every flow {@code ip} answers (any protocol), whether addressed to it directly or through a DNAT. */
  public static FlowFilter answeredBy(String ip) { return new FlowFilter(null, null, null, null, ip); }

  /** The {@code conntrack -D} arguments. */
  public List<String> args() {
    List<String> a = new ArrayList<>(List.of("-D"));
    if (protocol != null) a.addAll(List.of("-p", protocol));
    if (origSrc != null) a.addAll(List.of("--orig-src", origSrc));
    if (origDst != null) a.addAll(List.of("--orig-dst", origDst));
    if (origDstPort != null) a.addAll(List.of("--orig-port-dst", origDstPort.toString()));
    if (replySrc != null) a.addAll(List.of("--reply-src", replySrc));
    return a;
  }
}
