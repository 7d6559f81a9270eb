/**
 * PATCH bodies applied to JSON trees: RFC 7386 merge patch, RFC 6902 JSON patch, Kubernetes
 * strategic merge patch (lists merged by the keys {@link io.j8s.api.schema.PatchStrategies}
 * names, with the {@code $patch}, {@code $setElementOrder}, {@code $deleteFromPrimitiveList} and
 * {@code $retainKeys} directives), and server-side apply as create-or-merge. Pure code.
 */
package io.j8s.api.patch;
