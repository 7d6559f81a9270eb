package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.j8s.api.registry.ResourceType;

/**
 * Admission plugins on the write path of main resources and status, as upstream's mutating and
 * validating admission: {@link #mutate} runs after defaulting and before validation (LimitRanger
 * defaults), {@link #validate} after validation and just before the compare-and-swap (limit
 * bounds, quota). A plugin refuses by throwing an ApiException; validate may hold what it
 * reserved (a quota lock) until the returned callback learns whether the object was stored.
 * Both see the typed object; {@code old} is the stored object on update, null on create.
 */
public interface AdmissionChain {
  AdmissionChain NONE = new AdmissionChain() {};

  default void mutate(ResourceType t, String ns, HasMetadata obj, ObjectNode old) {}

  /** May complete server-owned fields of {@code obj} (a ResourceQuota's status); its changes are stored. */
  default WriteHook.Finish validate(ResourceType t, String ns, HasMetadata obj, ObjectNode old, boolean dryRun) {
    return WriteHook.Finish.NOTHING;
  }
}
