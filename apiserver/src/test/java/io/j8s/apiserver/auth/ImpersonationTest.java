package io.j8s.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.apiserver.errors.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationTest {
  static final UserInfo ADMIN = new UserInfo("root", List.of(UserInfo.MASTERS));
  static final UserInfo ALICE = new UserInfo("alice", List.of(UserInfo.AUTHENTICATED));

  /** alice may impersonate user bob and group dev only. */
  final Authorizer authz = new Authorizer(a -> new Decision(a.verb().equals("impersonate")
      && ((a.resource().equals("users") && a.name().equals("bob")) || (a.resource().equals("groups") && a.name().equals("dev"))), ""));

  static List<Map.Entry<String, String>> h(String... kv) {
    List<Map.Entry<String, String>> l = new java.util.ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) l.add(Map.entry(kv[i], kv[i + 1]));
    return l;
  }

  @Test
  void noHeadersNoImpersonation() {
    assertThat(Impersonation.read(h("Authorization", "Bearer x"))).isNull();
  }

  @Test
  void impersonatedUserGetsAuthenticatedGroup() {
    UserInfo u = Impersonation.apply(Impersonation.read(h("Impersonate-User", "bob", "impersonate-group", "dev")), ALICE, authz);
    assertThat(u.name()).isEqualTo("bob");
    assertThat(u.groups()).containsExactly("dev", UserInfo.AUTHENTICATED);
  }

  @Test
  void refusedPartsGiveUpstreams403() {
    assertThatThrownBy(() -> Impersonation.apply(Impersonation.read(h("Impersonate-User", "carol")), ALICE, authz))
        .isInstanceOf(ApiException.class)
        .hasMessage("users \"carol\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    assertThatThrownBy(() -> Impersonation.apply(Impersonation.read(h("Impersonate-User", "bob", "Impersonate-Group", "system:masters")), ALICE, authz))
        .hasMessage("groups \"system:masters\" is forbidden: User \"alice\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope");
    assertThatThrownBy(() -> Impersonation.apply(Impersonation.read(h("Impersonate-User", "system:serviceaccount:ns1:sa")), ALICE, authz))
        .hasMessage("serviceaccounts \"sa\" is forbidden: User \"alice\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"ns1\"");
  }

  @Test
  void serviceAccountsGetTheirGroupsAndExtrasAndUidAreCarried() {
    UserInfo u = Impersonation.apply(Impersonation.read(h("Impersonate-User", "system:serviceaccount:ns1:sa", "Impersonate-Uid", "42",
        "Impersonate-Extra-Scopes", "a", "Impersonate-Extra-Scopes", "b")), ADMIN, authz);
    assertThat(u.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:ns1", UserInfo.AUTHENTICATED);
    assertThat(u.uid()).isEqualTo("42");
    assertThat(u.extra()).isEqualTo(Map.of("scopes", List.of("a", "b")));
  }

  @Test
  void groupsWithoutUserAreABadRequest() {
    assertThatThrownBy(() -> Impersonation.read(h("Impersonate-Group", "dev"))).isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code()).isEqualTo(400);
  }
}
