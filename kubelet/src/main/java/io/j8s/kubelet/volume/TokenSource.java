package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Where a projected volume's {@code serviceAccountToken} comes from: upstream's kubelet asks the API's TokenRequest
 * for a token bound to the pod ({@link TokenRequestSource}). {@link #UNAVAILABLE}, for tests without an API, fails
 * the volume with a message saying so; no token is ever made up.
 */
@FunctionalInterface
public interface TokenSource {
  /** A token for the pod's service account with this audience ("" = the API's) and lifetime. */
  String token(Pod pod, String audience, long expirationSeconds) throws TokenUnavailableException;

  TokenSource UNAVAILABLE = (pod, audience, seconds) -> {
    throw new TokenUnavailableException("cannot project a serviceAccountToken for service account \""
        + pod.getSpec().getServiceAccountName() + "\": no TokenRequest API is available to this agent");
  };

  final class TokenUnavailableException extends Exception {
    public TokenUnavailableException(String message) {
      super(message);
    }
  }
}
