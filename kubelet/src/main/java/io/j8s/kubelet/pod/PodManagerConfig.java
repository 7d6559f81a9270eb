package io.j8s.kubelet.pod;

import io.j8s.base.time.Clock;
import io.j8s.kubelet.containerd.CgroupDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the pod manager needs to know about its node.
 *
 * @param nodeName        the Node this agent runs pods for ({@code spec.nodeName})
 * @param nodeIp          the node's InternalIP: {@code status.hostIP}, and {@code podIP} of hostNetwork pods
 * @param agentDir        {@code <data-dir>/agent}: pod log dirs under {@code logs/pods}, pod state under {@code pods}
 * @param cgroupDriver    the runtime's cgroup driver (the syntax of the pods' cgroup parents)
 * @param clusterDnsIp    the cluster DNS Service IP for ClusterFirst pods (.10 of the service CIDR); null: none,
 *                        ClusterFirst pods then get the node's resolv.conf as upstream does
 * @param clusterDomain   the cluster's DNS domain, {@code cluster.local}
 * @param resolvConf      the node's resolv.conf (DNS policy Default, and the search paths ClusterFirst appends)
 * @param nodeMemoryBytes the node's memory (Burstable containers' oom_score_adj)
 * @param resyncPeriod    how often every pod is synced even without events (upstream: 10 s... 1 min)
 * @param clock           time for back-offs, deadlines and status timestamps
 * @param inputs          env and mounts of each container (the env/volume subsystems' seam)
 * @param probes          readiness and liveness verdicts of running containers (the probe manager's seam)
 * @param observer        told after each sync of a pod that still exists (the probe manager and volume refresh)
 * @param hooks           runs postStart and preStop handlers
 * @param events          where the workers' events go
 */
public record PodManagerConfig(String nodeName, String nodeIp, Path agentDir, CgroupDriver cgroupDriver, String clusterDnsIp,
    String clusterDomain, Path resolvConf, long nodeMemoryBytes, Duration resyncPeriod, Clock clock, ContainerInputs inputs,
    ProbeResults probes, PodObserver observer, LifecycleHooks hooks, PodEvents events) {
  public static final String DEFAULT_CLUSTER_DNS = "10.43.0.10";
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  public PodManagerConfig {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(nodeIp, "nodeIp");
    Objects.requireNonNull(agentDir, "agentDir");
    Objects.requireNonNull(cgroupDriver, "cgroupDriver");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(probes, "probes");
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(events, "events");
    if (resyncPeriod.isNegative() || resyncPeriod.isZero()) throw new IllegalArgumentException("resyncPeriod must be positive");
  }

  /** Upstream's defaults for everything but the node's own facts. */
  public static PodManagerConfig defaults(String nodeName, String nodeIp, Path agentDir, CgroupDriver cgroupDriver) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, DEFAULT_CLUSTER_DNS, DEFAULT_CLUSTER_DOMAIN,
        Path.of("/etc/resolv.conf"), hostMemoryBytes(), Duration.ofSeconds(10), Clock.system(), ContainerInputs.VALUES_ONLY,
        ProbeResults.NO_PROBES, PodObserver.NONE, LifecycleHooks.NONE, PodEvents.NONE);
  }

  public PodManagerConfig withClusterDns(String ip, String domain) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, ip, domain, resolvConf, nodeMemoryBytes, resyncPeriod,
        clock, inputs, probes, observer, hooks, events);
  }

  public PodManagerConfig withInputs(ContainerInputs in) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, clusterDnsIp, clusterDomain, resolvConf, nodeMemoryBytes,
        resyncPeriod, clock, in, probes, observer, hooks, events);
  }

  public PodManagerConfig withProbes(ProbeResults r) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, clusterDnsIp, clusterDomain, resolvConf, nodeMemoryBytes,
        resyncPeriod, clock, inputs, r, observer, hooks, events);
  }

  public PodManagerConfig withResync(Duration period, Clock c) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, clusterDnsIp, clusterDomain, resolvConf, nodeMemoryBytes,
        period, c, inputs, probes, observer, hooks, events);
  }

  public PodManagerConfig withObserver(PodObserver o) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, clusterDnsIp, clusterDomain, resolvConf, nodeMemoryBytes,
        resyncPeriod, clock, inputs, probes, o, hooks, events);
  }

  public PodManagerConfig withHooks(LifecycleHooks h) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, clusterDnsIp, clusterDomain, resolvConf, nodeMemoryBytes,
        resyncPeriod, clock, inputs, probes, observer, h, events);
  }

  public PodManagerConfig withEvents(PodEvents e) {
    return new PodManagerConfig(nodeName, nodeIp, agentDir, cgroupDriver, clusterDnsIp, clusterDomain, resolvConf, nodeMemoryBytes,
        resyncPeriod, clock, inputs, probes, observer, hooks, e);
  }

  /** {@code <agentDir>/logs/pods/<namespace>_<name>_<uid>}. */
  public Path podLogDir(String namespace, String name, String uid) {
    return agentDir.resolve("logs/pods").resolve(namespace + "_" + name + "_" + uid);
  }

  /** {@code <agentDir>/pods/<uid>}. */
  public Path podDir(String uid) { return agentDir.resolve("pods").resolve(uid); }

  /** MemTotal from /proc/meminfo; 1 GiB when unreadable. */
  static long hostMemoryBytes() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return 1L << 30;
  }
}
