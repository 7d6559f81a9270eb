package io.j8s.api.schema;

import java.util.List;

/**
 * How a strategic merge patch treats one list field, as upstream's patchStrategy /
 * patchMergeKey struct tags say.
 */
public sealed interface ListStrategy {
  /** Replace the whole list (the default for lists without a tag). */
  record Replace() implements ListStrategy {}
  /** Merge objects by a key field (e.g. containers by "name"). */
  record MergeByKey(String key, boolean retainKeys) implements ListStrategy {}
  /** Merge a list of scalars as a set (e.g. finalizers). */
  record MergeSet() implements ListStrategy {}

  ListStrategy REPLACE = new Replace();
}
