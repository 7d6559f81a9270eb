package io.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.api.quota.LimitRanger;
import io.j8s.api.registry.ResourceType;
import java.util.List;

/**
 * Upstream's LimitRanger: new pods get their namespace's Container defaults, then new pods and
 * new or changed claims are held to the LimitRanges' bounds (403 naming the first violated).
 * Pod updates are left alone (containers' resources are immutable), as upstream.
 */
final class LimitRangeAdmission {
  private final NamespaceObjects objects;
  private final ResourceType limitRanges;

  LimitRangeAdmission(NamespaceObjects objects) {
    this.objects = objects;
    this.limitRanges = objects.type("", "limitranges").orElseThrow();
  }

  private static boolean applies(ResourceType t, ObjectNode old) {
    if (!t.group().isEmpty()) return false;
    if (t.plural().equals("pods")) return old == null;
    return t.plural().equals("persistentvolumeclaims") && (old == null || !old.path("metadata").hasNonNull("deletionTimestamp"));
  }

  void mutate(ResourceType t, String ns, HasMetadata obj, ObjectNode old) {
    if (!applies(t, old) || !(obj instanceof Pod pod)) return;
    List<LimitRange> ranges = ranges(ns);
    if (!ranges.isEmpty()) LimitRanger.mutate(ranges, pod);
  }

  void validate(ResourceType t, String ns, HasMetadata obj, ObjectNode old) {
    if (!applies(t, old)) return;
    List<LimitRange> ranges = ranges(ns);
    if (ranges.isEmpty()) return;
    String why = switch (obj) {
      case Pod p -> LimitRanger.validate(ranges, p);
      case PersistentVolumeClaim c -> LimitRanger.validate(ranges, c);
      default -> null;
    };
    if (why != null) throw QuotaAdmission.forbidden(t, obj, why);
  }

  private List<LimitRange> ranges(String ns) {
    return objects.list(limitRanges, ns, LimitRange.class);
  }

}
