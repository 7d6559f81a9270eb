package io.j8s.apiserver.auth;

import java.util.List;
import java.util.Map;

/** Who made a request, as upstream's user.Info: name, uid, groups and extra values. */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
  public static final String MASTERS = "system:masters";
  public static final String AUTHENTICATED = "system:authenticated";
  public static final String UNAUTHENTICATED = "system:unauthenticated";
  public static final String ANONYMOUS = "system:anonymous";
  public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public UserInfo {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
    uid = uid == null ? "" : uid;
  }

  public UserInfo(String name, List<String> groups) { this(name, "", groups, Map.of()); }

  /** The anonymous user of a request without credentials. */
  public static final UserInfo ANONYMOUS_USER = new UserInfo(ANONYMOUS, List.of(UNAUTHENTICATED));

  public boolean inGroup(String group) { return groups.contains(group); }
}
