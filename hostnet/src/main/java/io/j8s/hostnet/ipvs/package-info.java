/**
 * The kernel's IP Virtual Server table, as {@code ipvsadm} shows and changes it: an
 * {@link io.j8s.hostnet.ipvs.IpvsTable} of {@link io.j8s.hostnet.ipvs.VirtualServer}s (protocol,
 * address, port, scheduler, persistence) each with its {@link io.j8s.hostnet.ipvs.RealServer}s
 * (masquerading, with a weight); {@link io.j8s.hostnet.ipvs.IpvsSave} reads and writes the
 * {@code ipvsadm-save -n} format; changes are {@link io.j8s.hostnet.ipvs.IpvsOp}s (add, edit,
 * delete of virtual and real servers, so open connections to what stays are kept).
 * {@link io.j8s.hostnet.ipvs.IpvsadmCommand} runs Debian's ipvsadm,
 * {@link io.j8s.hostnet.ipvs.RecordingIpvs} is the in-memory fake with the kernel's errors.
 */
package io.j8s.hostnet.ipvs;
