/**
 * iptables: the {@link io.j8s.hostnet.iptables.Iptables} interface over one network namespace's
 * tables and {@link io.j8s.hostnet.iptables.IptablesCommand}, which runs Debian's tools. Callers
 * render whole rulesets as {@code iptables-restore} text and restore them atomically.
 * {@link io.j8s.hostnet.iptables.RecordingIptables} is the in-memory fake for unit tests; its
 * contract (restore, noflush, chain deletion, ensure) is checked against the real kernel too.
 */
package io.j8s.hostnet.iptables;
