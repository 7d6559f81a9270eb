package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The node's Lease as upstream's kubelet writes it: {@code <node>} in {@code kube-node-lease},
 * holder the node, duration 40 s, renewTime now (microseconds), owned by the Node (so deleting
 * the Node deletes its Lease). Pure.
 */
public final class LeaseSpecs {
  public static final String NAMESPACE = "kube-node-lease";
  public static final int DURATION_SECONDS = 40;

  private LeaseSpecs() {}

  /**
   * The lease to write: {@code current} (null when absent) renewed at {@code now}, the owner
   * reference set when the Node's uid is known and the lease has none for it.
   */
  public static Lease renewed(Lease current, String nodeName, String nodeUid, Instant now) {
    LeaseBuilder b = current == null
        ? new LeaseBuilder().withNewMetadata().withName(nodeName).withNamespace(NAMESPACE).endMetadata()
        : new LeaseBuilder(current);
    Lease l = b.editOrNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(DURATION_SECONDS)
        .withRenewTime(ZonedDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)).endSpec().build();
    if (nodeUid != null && !ownedBy(l, nodeUid)) l.getMetadata().setOwnerReferences(List.of(owner(nodeName, nodeUid)));
    return l;
  }

  static boolean ownedBy(Lease l, String uid) {
    List<OwnerReference> refs = l.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> "Node".equals(r.getKind()) && uid.equals(r.getUid()));
  }

  static OwnerReference owner(String nodeName, String uid) {
    return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node").withName(nodeName).withUid(uid).build();
  }
}
