package io.j8s.api.table;

/** One table column as {@code TableColumnDefinition} describes it. */
record Column(String name, String type, String format, String description, int priority) {
  static final Column NAME = new Column("Name", "string", "name", "Name must be unique within a namespace.", 0);
  static final Column AGE = new Column("Age", "string", "", "Time since the object was created.", 0);
  static final Column CREATED_AT = new Column("Created At", "date", "", "When the object was created.", 0);

  static Column str(String name, String description) { return new Column(name, "string", "", description, 0); }

  static Column integer(String name, String description) { return new Column(name, "integer", "", description, 0); }

  /** A string column shown only with {@code -o wide}. */
  static Column wide(String name, String description) { return new Column(name, "string", "", description, 1); }
}
