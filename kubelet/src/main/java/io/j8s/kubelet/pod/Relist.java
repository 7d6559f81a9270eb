package io.j8s.kubelet.pod;

import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.PodSandbox;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Upstream's generic PLEG in miniature: each relist (every second) lists all sandboxes and
 * containers, and the pods whose objects appeared, disappeared or changed state are synced.
 * So a container that exits is noticed within a second, not at the next 10 s resync. A pod whose
 * worker already read exactly what the relist now shows (the worker's own sandbox and container
 * starts, read back by that sync) is not synced again for it.
 */
final class Relist {
  private Map<String, String> last = new HashMap<>(); // object id -> state
  private Map<String, String> lastUid = new HashMap<>(); // object id -> pod uid

  /** The uids of pods whose runtime objects changed since the previous call. */
  Set<String> changed(List<PodSandbox> sandboxes, List<Container> containers) {
    return changed(RuntimeListing.of(0, sandboxes, containers), uid -> null);
  }

  /**
   * As above from a listing; of the pods that changed, those whose worker's last read
   * ({@code seenByWorker}: object id to state, as {@link RuntimeListing#states(RuntimePod)}; null if
   * none) equals what the listing shows are left out.
   */
  Set<String> changed(RuntimeListing listing, java.util.function.Function<String, Map<String, String>> seenByWorker) {
    Set<String> out = new HashSet<>();
    for (String uid : changedUids(listing)) {
      if (!listing.states(uid).equals(seenByWorker.apply(uid))) out.add(uid);
    }
    return out;
  }

  private Set<String> changedUids(RuntimeListing listing) {
    List<PodSandbox> sandboxes = listing.sandboxes().values().stream().flatMap(List::stream).toList();
    List<Container> containers = listing.containers().values().stream().flatMap(List::stream).toList();
    Map<String, String> now = new HashMap<>();
    Map<String, String> uidOf = new HashMap<>();
    for (PodSandbox s : sandboxes) {
      String uid = s.getLabelsMap().get(Labels.POD_UID);
      if (uid == null) continue;
      now.put(s.getId(), s.getState().name());
      uidOf.put(s.getId(), uid);
    }
    for (Container c : containers) {
      String uid = c.getLabelsMap().get(Labels.POD_UID);
      if (uid == null) continue;
      now.put(c.getId(), c.getState().name());
      uidOf.put(c.getId(), uid);
    }
    Set<String> out = new HashSet<>();
    for (var e : now.entrySet()) if (!Objects.equals(last.get(e.getKey()), e.getValue())) out.add(uidOf.get(e.getKey()));
    for (String id : last.keySet()) if (!now.containsKey(id)) out.add(lastUid.get(id));
    last = now;
    lastUid = uidOf;
    return out;
  }
}
