package io.j8s.apiserver.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Live, typed reads of one namespace's objects from the store (never the watch cache). */
final class NamespaceObjects {
  private static final ObjectMapper MODEL = Serialization.jsonMapper();
  private final ObjectStore store;
  private final ResourceRegistry registry;

  NamespaceObjects(ObjectStore store, ResourceRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  ObjectStore store() { return store; }

  /** The served resource of this group and plural (any version: the stored form is one). */
  Optional<ResourceType> type(String group, String plural) {
    return registry.all().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural) && t.namespaced()).findFirst();
  }

  <T extends HasMetadata> List<T> list(ResourceType t, String ns, Class<T> as) {
    List<T> out = new ArrayList<>();
    for (ObjectNode o : store.list(t, ns, null, 0, 0, x -> true).items()) out.add(typed(o, as));
    return out;
  }

  List<HasMetadata> list(ResourceType t, String ns) {
    @SuppressWarnings("unchecked")
    Class<HasMetadata> model = (Class<HasMetadata>) t.model();
    return list(t, ns, model);
  }

  static <T> T typed(ObjectNode o, Class<T> as) {
    try {
      return MODEL.treeToValue(o, as);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored object does not decode as " + as.getSimpleName(), e);
    }
  }

  static ObjectNode tree(HasMetadata o) { return MODEL.valueToTree(o); }
}
