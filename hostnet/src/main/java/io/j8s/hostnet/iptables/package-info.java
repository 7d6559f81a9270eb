/**
 * iptables: the {@link io.j8s.hostnet.iptables.Iptables} interface over one network namespace's
 * tables and {@link io.j8s.hostnet.iptables.IptablesCommand}, which runs Debian's tools. Callers
 * render whole rulesets as {@code iptables-restore} text and restore them atomically.
 */
package io.j8s.hostnet.iptables;
