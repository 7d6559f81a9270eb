package io.j8s.apiserver.auth;

import io.j8s.apiserver.errors.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Impersonation headers, as upstream's WithImpersonation filter: {@code Impersonate-User},
 * {@code Impersonate-Group} (repeatable), {@code Impersonate-Uid}, {@code Impersonate-Extra-<key>}.
 * Each asked identity part is itself authorized with the verb {@code impersonate} (users,
 * groups, serviceaccounts, uids, userextras) for the real user; the request then proceeds as
 * the impersonated user.
 */
public final class Impersonation {
  public static final String USER = "Impersonate-User";
  public static final String GROUP = "Impersonate-Group";
  public static final String UID = "Impersonate-Uid";
  public static final String EXTRA_PREFIX = "impersonate-extra-";

  /** What the headers ask for. */
  public record Wanted(String user, List<String> groups, String uid, Map<String, List<String>> extra) {}

  private Impersonation() {}

  /**
   * Reads the headers ({@code headers} as (name, value) pairs, names in any case); null when
   * none asks for impersonation.
   */
  public static Wanted read(List<Map.Entry<String, String>> headers) {
    String user = null;
    String uid = null;
    List<String> groups = new ArrayList<>();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    boolean any = false;
    for (Map.Entry<String, String> h : headers) {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      if (n.equals("impersonate-user")) {
        user = h.getValue();
        any = true;
      } else if (n.equals("impersonate-group")) {
        groups.add(h.getValue());
        any = true;
      } else if (n.equals("impersonate-uid")) {
        uid = h.getValue();
        any = true;
      } else if (n.startsWith(EXTRA_PREFIX)) {
        String key = URLDecoder.decode(n.substring(EXTRA_PREFIX.length()), StandardCharsets.UTF_8);
        extra.computeIfAbsent(key, k -> new ArrayList<>()).add(h.getValue());
        any = true;
      }
    }
    if (!any) return null;
    if (user == null || user.isEmpty()) {
      throw ApiException.badRequest("requested " + describe(groups, uid, extra) + " without impersonating a user");
    }
    return new Wanted(user, List.copyOf(groups), uid, extra);
  }

  private static String describe(List<String> groups, String uid, Map<String, List<String>> extra) {
    List<String> parts = new ArrayList<>();
    if (!groups.isEmpty()) parts.add("groups " + groups);
    if (uid != null) parts.add("uid \"" + uid + "\"");
    if (!extra.isEmpty()) parts.add("extra " + extra);
    return String.join(", ", parts);
  }

  /**
   * The identity the request continues as, after checking that {@code real} may impersonate
   * each part of it; throws upstream's 403 for the first part refused.
   */
  public static UserInfo apply(Wanted w, UserInfo real, Authorizer authz) {
    List<String> groups = new ArrayList<>(w.groups());
    if (w.user().startsWith(UserInfo.SERVICE_ACCOUNT_PREFIX)) {
      String[] nsName = w.user().substring(UserInfo.SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
      if (nsName.length != 2) throw ApiException.badRequest("invalid service account name \"" + w.user() + "\"");
      authz.check(Attributes.resource(real, "impersonate", "", "serviceaccounts", "", nsName[0], nsName[1]));
      if (w.groups().isEmpty()) {
        groups.add("system:serviceaccounts");
        groups.add("system:serviceaccounts:" + nsName[0]);
      }
    } else {
      authz.check(Attributes.resource(real, "impersonate", "", "users", "", "", w.user()));
    }
    for (String g : w.groups()) authz.check(Attributes.resource(real, "impersonate", "", "groups", "", "", g));
    if (w.uid() != null) authz.check(Attributes.resource(real, "impersonate", "authentication.k8s.io", "uids", "", "", w.uid()));
    for (Map.Entry<String, List<String>> e : w.extra().entrySet()) {
      for (String v : e.getValue()) {
        authz.check(Attributes.resource(real, "impersonate", "authentication.k8s.io", "userextras", e.getKey(), "", v));
      }
    }
    if (!w.user().equals(UserInfo.ANONYMOUS) && !groups.contains(UserInfo.AUTHENTICATED) && !groups.contains(UserInfo.UNAUTHENTICATED)) {
      groups.add(UserInfo.AUTHENTICATED);
    }
    return new UserInfo(w.user(), w.uid() == null ? "" : w.uid(), groups, w.extra());
  }
}
