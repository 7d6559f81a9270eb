package io.j8s.apiserver.auth;

/**
 * What a request asks to do, as upstream's authorizer.Attributes. Absent parts are "" (never
 * null): namespace "" is cluster scope (or all namespaces), name "" all objects.
 *
 * @param resourceRequest true for /api and /apis object paths; else {@code path} is the URL path
 *                        and the verb the lower-case HTTP method
 */
public record Attributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String resource,
    String subresource, String namespace, String name, String path) {

  public Attributes {
    verb = orEmpty(verb);
    apiGroup = orEmpty(apiGroup);
    resource = orEmpty(resource);
    subresource = orEmpty(subresource);
    namespace = orEmpty(namespace);
    name = orEmpty(name);
    path = orEmpty(path);
  }

  public static Attributes resource(UserInfo user, String verb, String group, String resource, String subresource,
      String namespace, String name) {
    return new Attributes(user, verb, true, group, resource, subresource, namespace, name, "");
  }

  public static Attributes nonResource(UserInfo user, String verb, String path) {
    return new Attributes(user, verb, false, "", "", "", "", "", path);
  }

  /** The same request by someone else. */
  public Attributes as(UserInfo other) {
    return new Attributes(other, verb, resourceRequest, apiGroup, resource, subresource, namespace, name, path);
  }

  private static String orEmpty(String s) { return s == null ? "" : s; }
}
