package io.j8s.apiserver.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a request path addresses, as upstream's RequestInfo: either a resource path
 * ({@code /api/v1/namespaces/ns/pods/name/status}) or a non-resource path ({@code /version}).
 *
 * @param namespace null when not in the path
 * @param name      null for collections
 * @param sub       subresource, or null
 */
public record RequestInfo(boolean resource, String path, String group, String version,
    String namespace, String plural, String name, String sub) {

  public static RequestInfo parse(String rawPath) {
    String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) if (!p.isEmpty()) parts.add(URLDecoder.decode(p, StandardCharsets.UTF_8));
    String group;
    int i;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      i = 1;
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      i = 2;
    } else {
      return nonResource(path);
    }
    String version = parts.get(i++);
    List<String> rest = parts.subList(i, parts.size());
    if (rest.isEmpty()) return nonResource(path);
    String ns = null;
    if (rest.get(0).equals("namespaces") && rest.size() >= 3
        && !(rest.size() == 3 && Arrays.asList("status", "finalize").contains(rest.get(2)))) {
      ns = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    // {name}/proxy/{path...}: the rest of the path belongs to the proxied request
    if (rest.size() > 3 && !rest.get(2).equals("proxy")) return nonResource(path);
    return new RequestInfo(true, path, group, version, ns, rest.get(0),
        rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null);
  }

  private static RequestInfo nonResource(String path) {
    return new RequestInfo(false, path, null, null, null, null, null, null);
  }

  /** Discovery paths: /api, /api/v1, /apis, /apis/g, /apis/g/v. */
  public boolean isDiscovery() {
    if (resource) return false;
    String[] p = path.split("/");
    return path.equals("/api") || path.equals("/apis") || (p.length == 3 && p[1].equals("api"))
        || (p.length >= 3 && p.length <= 4 && p[1].equals("apis"));
  }
}
