/**
 * nftables: the {@link io.j8s.hostnet.nftables.Nftables} interface over one network namespace's
 * nft tables and {@link io.j8s.hostnet.nftables.NftCommand}, which runs Debian's {@code nft}.
 * Callers render a whole transaction as {@code nft -f} text and apply it atomically (all or
 * nothing). {@link io.j8s.hostnet.nftables.RecordingNftables} is the in-memory fake for unit
 * tests; its contract (tables and chains after a transaction, rollback of a failed one, delete of
 * a missing table) is checked against the real kernel too.
 */
package io.j8s.hostnet.nftables;
