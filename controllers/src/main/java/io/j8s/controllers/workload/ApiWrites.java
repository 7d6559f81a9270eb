package io.j8s.controllers.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small writes the workload reconcilers share: owner-reference adoption and release, API error messages. */
final class ApiWrites {
  static final ObjectMapper JSON = new ObjectMapper();

  private ApiWrites() {}

  /** Adds a controller reference to {@code owner}; merge patch guarded by uid and resourceVersion. Returns false if the object changed or went. */
  static boolean adopt(KubernetesClient client, HasMetadata o, OwnerReference ref) {
    List<OwnerReference> refs = new ArrayList<>(o.getMetadata().getOwnerReferences() == null ? List.of() : o.getMetadata().getOwnerReferences());
    refs.removeIf(r -> r.getUid().equals(ref.getUid()));
    refs.add(ref);
    return patchOwners(client, o, refs);
  }

  /** Removes {@code ownerUid}'s reference from the object. */
  static boolean release(KubernetesClient client, HasMetadata o, String ownerUid) {
    List<OwnerReference> refs = new ArrayList<>(o.getMetadata().getOwnerReferences() == null ? List.of() : o.getMetadata().getOwnerReferences());
    refs.removeIf(r -> ownerUid.equals(r.getUid()));
    return patchOwners(client, o, refs);
  }

  private static boolean patchOwners(KubernetesClient client, HasMetadata o, List<OwnerReference> refs) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("uid", o.getMetadata().getUid());
    meta.put("resourceVersion", o.getMetadata().getResourceVersion());
    meta.put("ownerReferences", refs.isEmpty() ? null : refs);
    try {
      String patch = JSON.writeValueAsString(Map.of("metadata", meta));
      client.resource(o).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409 || e.getCode() == 422) return false;
      throw e;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The API's own message (as upstream's events quote it), not fabric8's wrapper text. */
  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) return e.getStatus().getMessage();
    return e.getMessage();
  }
}
