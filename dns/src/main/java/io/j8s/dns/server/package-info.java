/**
 * The wire: {@link io.j8s.dns.server.Responder} turns query bytes into answer bytes (cluster
 * names from the zone function, other names through the forwarder; FORMERR for what does not
 * parse, nothing for what has no readable header, truncation with TC over UDP), and
 * {@link io.j8s.dns.server.DnsServer} carries them over Netty UDP (one SO_REUSEPORT socket per
 * event loop on epoll) and TCP (2-byte length framing), with Prometheus metrics over HTTP.
 */
package io.j8s.dns.server;
