package io.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The columns of one kind's table and how to compute a row's cells (all columns, wide ones too). */
record KindTable(List<Column> columns, Cells cells) {
  @FunctionalInterface
  interface Cells {
    /** Cells in column order: Strings, Longs or Booleans. */
    List<Object> of(JsonNode object, Instant now);
  }
}
