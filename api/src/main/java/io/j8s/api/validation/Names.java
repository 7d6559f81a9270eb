package io.j8s.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Name, label and key syntaxes, with upstream's messages. Each returns the problems found (empty = valid). */
public final class Names {
  private Names() {}

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  public static List<String> dns1123Label(String v) {
    List<String> e = new ArrayList<>();
    if (v.length() > 63) e.add("must be no more than 63 characters");
    if (!DNS1123_LABEL.matcher(v).matches()) {
      e.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an "
          + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }
    return e;
  }

  public static List<String> dns1123Subdomain(String v) {
    List<String> e = new ArrayList<>();
    if (v.length() > 253) e.add("must be no more than 253 characters");
    if (!DNS1123_SUBDOMAIN.matcher(v).matches()) {
      e.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
          + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
          + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
    return e;
  }

  public static List<String> dns1035Label(String v) {
    List<String> e = new ArrayList<>();
    if (v.length() > 63) e.add("must be no more than 63 characters");
    if (!DNS1035_LABEL.matcher(v).matches()) {
      e.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and "
          + "end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    }
    return e;
  }

  /** Label and annotation keys: optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  public static List<String> qualifiedName(String v) {
    List<String> e = new ArrayList<>();
    String name = v;
    int slash = v.indexOf('/');
    if (slash >= 0) {
      String prefix = v.substring(0, slash);
      name = v.substring(slash + 1);
      if (prefix.isEmpty()) e.add("prefix part must be non-empty");
      else for (String p : dns1123Subdomain(prefix)) e.add("prefix part " + p);
    }
    if (name.isEmpty()) {
      e.add("name part must be non-empty");
    } else {
      if (name.length() > 63) e.add("name part must be no more than 63 characters");
      if (!QUALIFIED_NAME.matcher(name).matches()) {
        e.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
            + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
      }
    }
    return e;
  }

  public static List<String> labelValue(String v) {
    List<String> e = new ArrayList<>();
    if (v.length() > 63) e.add("must be no more than 63 characters");
    if (!LABEL_VALUE.matcher(v).matches()) {
      e.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
          + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
          + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }
    return e;
  }

  public static List<String> configMapKey(String v) {
    List<String> e = new ArrayList<>();
    if (v.length() > 253) e.add("must be no more than 253 characters");
    if (!CONFIG_KEY.matcher(v).matches()) {
      e.add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
          + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    }
    return e;
  }

  public static List<String> portName(String v) {
    List<String> e = new ArrayList<>();
    if (v.length() > 15) e.add("must be no more than 15 characters");
    if (!IANA_SVC_NAME.matcher(v).matches()) e.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    else if (v.contains("--")) e.add("must not contain consecutive hyphens");
    else if (!v.matches(".*[a-z].*")) e.add("must contain at least one letter (a-z)");
    return e;
  }
}
