/**
 * Kernel parameters of the current network namespace ({@code net.ipv4.ip_forward} and the like):
 * {@link io.j8s.hostnet.sysctl.Sysctl} with {@link io.j8s.hostnet.sysctl.SysctlCommand} (procps's
 * {@code sysctl}, optionally in another namespace) and the in-memory
 * {@link io.j8s.hostnet.sysctl.RecordingSysctl}.
 */
package io.j8s.hostnet.sysctl;
