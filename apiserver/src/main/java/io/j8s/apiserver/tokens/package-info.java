/**
 * Service account tokens, as upstream's serviceaccount package and TokenRequest registry: the
 * signing key (RSA, {@code <data-dir>/server/tls/service-account.key}, made once, mode 0600),
 * compact RS256 JWTs with upstream's claims ({@link TokenClaims}), the TokenRequest subresource
 * ({@link TokenRequests}), the bearer-token validator ({@link TokenValidator}: signature, issuer,
 * audience, time, then the service account and bound objects looked up live), the OIDC issuer
 * discovery documents, and the ServiceAccount admission of pods ({@link ServiceAccountAdmission}:
 * default account, existence, the {@code kube-api-access-*} projected volume). Legacy
 * Secret-based tokens are not made.
 */
package io.j8s.apiserver.tokens;
