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
 * So a container that exits is noticed within a second, not at the next 10 s resync.
 */
final class Relist {
  private Map<String, String> last = new HashMap<>(); // object id -> state
  private Map<String, String> lastUid = new HashMap<>(); // object id -> pod uid

  /** The uids of pods whose runtime objects changed since the previous call. */
  Set<String> changed(List<PodSandbox> sandboxes, List<Container> containers) {
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
