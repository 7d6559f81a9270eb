package io.j8s.apiserver.auth;

/** Decides requests. Today: members of system:masters may do everything, others nothing. */
public final class Authorizer {

  public boolean allowed(UserInfo user, String verb, String group, String resource, String namespace, String name) {
    return user != null && user.inGroup(UserInfo.MASTERS);
  }

  /** Upstream's 403 message. */
  public static String forbiddenMessage(UserInfo user, String verb, String group, String resource, String namespace, String name) {
    String who = user == null ? "system:anonymous" : user.name();
    String res = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    String sub = resource.contains("/") ? resource.substring(resource.indexOf('/') + 1) : null;
    String obj = res + (group == null || group.isEmpty() ? "" : "." + group) + (name == null ? "" : " \"" + name + "\"");
    String what = "User \"" + who + "\" cannot " + verb + " resource \"" + res + "\"" + (sub == null ? "" : " subresource \"" + sub + "\"")
        + " in API group \"" + (group == null ? "" : group) + "\"";
    return obj + " is forbidden: " + what + (namespace == null ? " at the cluster scope" : " in the namespace \"" + namespace + "\"");
  }
}
