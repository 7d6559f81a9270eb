package io.j8s.proxy.userspace;

/** A running listener of one {@link ListenerSpec}: bound to an ephemeral port on every address. */
sealed interface ServiceListener extends AutoCloseable permits TcpListener, UdpListener {
  /** The bound port, which the portals are redirected to; stable for the listener's life. */
  int port();

  /** Takes new endpoints and affinity (the portals are the rules' business). */
  void update(ListenerSpec spec);

  /** Closes the relayed connections (TCP) and sessions (UDP) the network policy no longer allows. */
  void recheck();

  @Override void close();
}
