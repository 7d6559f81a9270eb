package io.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group-version-kind as the {@code x-kubernetes-group-version-kind} extension spells it. */
record Gvk(String group, String version, String kind) {
  ObjectNode toNode() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("group", group);
    n.put("kind", kind);
    n.put("version", version);
    return n;
  }
}
