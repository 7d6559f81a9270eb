package io.j8s.apiserver.auth;

import java.util.List;

/** Who made a request, as upstream's user.Info: name and groups. */
public record UserInfo(String name, List<String> groups) {
  public static final String MASTERS = "system:masters";
  public static final String AUTHENTICATED = "system:authenticated";

  public boolean inGroup(String group) { return groups.contains(group); }
}
