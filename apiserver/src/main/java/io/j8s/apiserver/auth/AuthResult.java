package io.j8s.apiserver.auth;

/** The outcome of authentication. */
public sealed interface AuthResult {
  record Authenticated(UserInfo user) implements AuthResult {}
  record Anonymous() implements AuthResult {}
  record Rejected(String reason) implements AuthResult {}
}
