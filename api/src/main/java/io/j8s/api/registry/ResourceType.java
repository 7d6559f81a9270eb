package io.j8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * One served resource at one group-version.
 *
 * @param group         API group, "" for core
 * @param plural        the URL name ("pods")
 * @param subresources  e.g. "status", "scale", "binding", "log"
 * @param model         the fabric8 class the objects deserialize into
 * @param storageGroup  group of the storage key (kinds served under two groups share it)
 * @param storageName   resource name of the storage key (usually {@code plural})
 */
public record ResourceType(
    String group, String version, String kind, String plural, String singular, boolean namespaced,
    List<String> shortNames, List<String> categories, Set<String> subresources,
    Class<? extends HasMetadata> model, String storageGroup, String storageName) {

  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** "v1" or "apps/v1". */
  public String apiVersion() { return group.isEmpty() ? version : group + "/" + version; }

  public String listKind() { return kind + "List"; }

  public boolean hasSubresource(String name) { return subresources.contains(name); }

  /** Kinds that are only ever created: the request is answered, nothing is stored (upstream's reviews). */
  public static final Set<String> CREATE_ONLY_GROUPS = Set.of("authorization.k8s.io");

  /** The verbs discovery lists; {@code [create]} for create-only kinds. */
  public List<String> verbs() { return createOnly() ? List.of("create") : ALL_VERBS; }

  /** True for kinds that are answered and never stored (reviews): no list, watch, get. */
  public boolean createOnly() { return CREATE_ONLY_GROUPS.contains(group); }

  /**
   * The storage key prefix of all objects of this type: "/registry/{group}/{resource}/"; with a
   * namespace, of those in that namespace: "/registry/{group}/{resource}/{ns}/".
   */
  public String keyPrefix(String namespace) {
    String base = "/registry/" + (storageGroup.isEmpty() ? "core" : storageGroup) + "/" + storageName + "/";
    return namespaced && namespace != null ? base + namespace + "/" : base;
  }

  /** The storage key of one object. */
  public String key(String namespace, String name) { return keyPrefix(namespace) + name; }
}
