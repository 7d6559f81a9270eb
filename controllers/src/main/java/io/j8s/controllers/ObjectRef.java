package io.j8s.controllers;

import java.util.List;

/** What the planners need to know of one object. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid, boolean deleting,
    List<String> finalizers, List<Owner> owners) {

  /** One ownerReference. */
  public record Owner(String uid, String kind, boolean blockOwnerDeletion) {}

  public boolean hasFinalizer(String f) { return finalizers.contains(f); }

  @Override public String toString() { return kind + " " + (namespace == null ? "" : namespace + "/") + name; }
}
