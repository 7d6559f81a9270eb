package io.j8s.api.openapi;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Upstream-style schema names for fabric8 model classes: the fabric8 package says which API group
 * (and usually version) a type belongs to; core's package also holds the apimachinery meta types.
 */
final class SchemaNames {
  private SchemaNames() {}

  static final String PREFIX = "#/components/schemas/";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String PATCH = META + "Patch";
  static final String STATUS = META + "Status";
  static final String DELETE_OPTIONS = META + "DeleteOptions";
  static final String LIST_META = META + "ListMeta";
  static final String API_RESOURCE_LIST = META + "APIResourceList";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
  private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");

  /** Types of fabric8's core package that upstream keeps in apimachinery's meta/v1. */
  private static final Set<String> META_TYPES = Set.of(
      "ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "FieldsV1", "LabelSelector",
      "LabelSelectorRequirement", "Condition", "Status", "StatusDetails", "StatusCause", "DeleteOptions",
      "Preconditions", "MicroTime", "Time", "WatchEvent", "APIResource", "APIResourceList", "APIGroup",
      "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR", "Patch",
      "PartialObjectMetadata", "PartialObjectMetadataList", "Table", "TableColumnDefinition", "TableRow",
      "TableRowCondition", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions", "ListOptions",
      "TypeMeta", "GroupVersionKind", "GroupVersionResource", "GroupKind", "GroupResource");

  /** fabric8 packages that carry no version segment, and the version upstream gives them. */
  private static final Map<String, String> UNVERSIONED = Map.of(
      "apps", "v1", "rbac", "v1", "storage", "v1", "authentication", "v1", "authorization", "v1");

  /** The schema name of a model class, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
  static String of(Class<?> c) {
    if (c == Quantity.class) return QUANTITY;
    if (c == IntOrString.class) return INT_OR_STRING;
    String pkg = c.getPackageName();
    String simple = c.getSimpleName();
    if (pkg.equals(FABRIC8)) {
      if (META_TYPES.contains(simple)) return META + simple;
      if (simple.equals("RawExtension")) return "io.k8s.apimachinery.pkg.runtime.RawExtension";
      return "io.k8s.api.core.v1." + simple;
    }
    if (!pkg.startsWith(FABRIC8 + ".")) {
      throw new IllegalArgumentException("no schema name for " + c.getName()
          + ": only fabric8 model classes (" + FABRIC8 + ".*) can be described in OpenAPI");
    }
    String rest = pkg.substring(FABRIC8.length() + 1);
    int dot = rest.lastIndexOf('.');
    String last = dot < 0 ? rest : rest.substring(dot + 1);
    if (VERSION.matcher(last).matches()) return "io.k8s.api." + rest + "." + simple;
    return "io.k8s.api." + rest + "." + UNVERSIONED.getOrDefault(rest, "v1") + "." + simple;
  }

  /** The schema name of the synthesized list kind of a kind's model (e.g. ...core.v1.PodList). */
  static String listOf(Class<?> model) { return of(model) + "List"; }

  static String ref(String schemaName) { return PREFIX + schemaName; }
}
