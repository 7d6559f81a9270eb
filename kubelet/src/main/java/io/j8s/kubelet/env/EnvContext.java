package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * What the environment needs beyond the pod spec: the pod's IPs (from the sandbox; empty before it has one or
 * with host networking before the node IP is known), the node's IPs ({@code status.hostIP(s)}) and the node's
 * allocatable resources ({@code cpu}, {@code memory}, {@code ephemeral-storage}), which stand in for missing limits
 * in {@code resourceFieldRef} as upstream.
 */
public record EnvContext(List<String> podIPs, List<String> hostIPs, Map<String, Quantity> nodeAllocatable) {
  public EnvContext {
    podIPs = List.copyOf(podIPs);
    hostIPs = List.copyOf(hostIPs);
    nodeAllocatable = Map.copyOf(nodeAllocatable);
  }
}
