package io.j8s.kubelet.pod;

import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.PodSandbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One relist's ListPodSandbox and ListContainers answers, grouped by the pod uid label, with the
 * monotonic time the listing started. The pod workers read a pod's objects from it instead of two
 * filtered listings per sync (upstream's PLEG cache plays this part) when it is fresh enough for
 * that pod: started after the worker's last change to the pod's runtime objects, so everything
 * the worker made is in it (see {@link #usableFor}). Objects' states still come from the status
 * calls, so a listing a little older than a container's exit is harmless.
 */
record RuntimeListing(long startedNanos, Map<String, List<PodSandbox>> sandboxes, Map<String, List<Container>> containers) {
  /** How old a listing may be and still stand in for a pod's own listing. */
  static final long MAX_AGE_NANOS = 2_000_000_000L;

  RuntimeListing {
    sandboxes = Map.copyOf(sandboxes);
    containers = Map.copyOf(containers);
  }

  static RuntimeListing of(long startedNanos, List<PodSandbox> sandboxes, List<Container> containers) {
    Map<String, List<PodSandbox>> s = new HashMap<>();
    for (PodSandbox p : sandboxes) {
      String uid = p.getLabelsMap().get(Labels.POD_UID);
      if (uid != null) s.computeIfAbsent(uid, k -> new ArrayList<>()).add(p);
    }
    Map<String, List<Container>> c = new HashMap<>();
    for (Container k : containers) {
      String uid = k.getLabelsMap().get(Labels.POD_UID);
      if (uid != null) c.computeIfAbsent(uid, x -> new ArrayList<>()).add(k);
    }
    s.replaceAll((k, v) -> List.copyOf(v));
    c.replaceAll((k, v) -> List.copyOf(v));
    return new RuntimeListing(startedNanos, s, c);
  }

  List<PodSandbox> sandboxesOf(String uid) { return sandboxes.getOrDefault(uid, List.of()); }

  List<Container> containersOf(String uid) { return containers.getOrDefault(uid, List.of()); }

  /** The uids of all pods with sandboxes or containers in this listing. */
  java.util.Set<String> podUids() {
    java.util.Set<String> out = new java.util.HashSet<>(sandboxes.keySet());
    out.addAll(containers.keySet());
    return out;
  }

  /**
   * True when this listing may stand in for a fresh listing of the pod: taken at most
   * {@link #MAX_AGE_NANOS} ago and started after the worker last changed the pod's runtime objects
   * ({@code lastChangeNanos}; null when it has not changed them lately).
   */
  boolean usableFor(Long lastChangeNanos, long nowNanos) {
    return nowNanos - startedNanos <= MAX_AGE_NANOS && (lastChangeNanos == null || startedNanos - lastChangeNanos > 0);
  }

  /** The pod's objects and their states as this listing shows them (id to CRI state name): what a relist compares. */
  Map<String, String> states(String uid) {
    Map<String, String> out = new TreeMap<>();
    for (PodSandbox s : sandboxesOf(uid)) out.put(s.getId(), s.getState().name());
    for (Container c : containersOf(uid)) out.put(c.getId(), c.getState().name());
    return out;
  }

  /** The same view of what a worker read: sandboxes ready or not, containers by state. */
  static Map<String, String> states(RuntimePod rt) {
    Map<String, String> out = new TreeMap<>();
    for (RuntimePod.Sandbox s : rt.sandboxes()) out.put(s.id(), s.ready() ? "SANDBOX_READY" : "SANDBOX_NOTREADY");
    for (RuntimePod.ContainerInfo c : rt.containers()) out.put(c.id(), "CONTAINER_" + c.state().name());
    return out;
  }
}
