package io.j8s.apiserver.auth;

/** An authorizer's answer; {@code reason} says why (upstream's wording), possibly "". */
public record Decision(boolean allowed, String reason) {
  public static Decision allow(String reason) { return new Decision(true, reason); }
  public static Decision deny(String reason) { return new Decision(false, reason); }
}
