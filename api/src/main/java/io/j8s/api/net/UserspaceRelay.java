package io.j8s.api.net;

/**
 * What the userspace proxy's relay and the network policy engine agree on, on the wire and in
 * the kernel. The relay opens its own connection to a Service's endpoint, so the packets no
 * longer come from the client pod; the relay itself checks both ends' policies before it connects
 * (and again when policies change), and the policy tables let its traffic pass:
 * <ul>
 * <li>{@link #REDIRECT_MARK}: the proxy's redirect rules put this packet mark on the first packet
 * of each connection they send to a relay port, so the engine's input hook does not judge a pod's
 * Service connection as egress to the node's own address;</li>
 * <li>{@link #DSCP}: the relay's connections to endpoints carry this DSCP value, so the node of an
 * endpoint pod admits them from the relaying node's addresses (and only from a node's).</li>
 * </ul>
 */
public final class UserspaceRelay {
  /** The packet mark bit for redirected first packets (kube-proxy uses 0x4000 and 0x8000). */
  public static final int REDIRECT_MARK = 0x2000;
  /** DSCP 11: pool 2 (xxxx11), for local or experimental use, so no standard traffic class collides. */
  public static final int DSCP = 0x0b;
  /** The IP TOS byte that carries {@link #DSCP} (the two ECN bits zero). */
  public static final int TOS = DSCP << 2;

  private UserspaceRelay() {}
}
