package io.j8s.proxy;

/**
 * Network policy as the userspace proxy's relay asks it: the relay opens its own connection to a
 * Service's endpoint, so the kernel's policy rules see the node, not the client pod; the relay
 * therefore asks before it connects, and again for its open connections when policies change.
 * {@link #OPEN} allows everything (no policy engine on the node).
 */
public interface ConnectionPolicy {
  ConnectionPolicy OPEN = (client, server, protocol, port) -> true;

  /** Whether {@code client} may connect to {@code server}:{@code port} over {@code protocol} (tcp, udp, sctp). */
  boolean allows(String client, String server, String protocol, int port);

  /** Calls {@code listener} whenever the answers may have changed; nothing by default (they never do). */
  default void onChange(Runnable listener) {}

  /** Whether this judges at all (the relay marks its connections for other nodes' admission only when it does). */
  default boolean enforced() { return this != OPEN; }
}
