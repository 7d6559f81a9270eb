package io.j8s.kubelet.server;

import java.util.List;

/**
 * Decides whether an authenticated client may make a kubelet API request, as upstream's kubelet
 * authorization: the request becomes attributes on the {@code nodes} resource
 * ({@link RequestAttributes}) that an authorizer answers (webhook mode:
 * {@link SubjectAccessReviews}, a SubjectAccessReview to the API server).
 */
@FunctionalInterface
public interface KubeletAuthorizer {
  /** Upstream's AlwaysAllow mode: any authenticated client may do anything. */
  KubeletAuthorizer ALWAYS_ALLOW = (user, attrs) -> true;

  /** The client, from its certificate: CN the user name, O the groups. */
  record User(String name, List<String> groups) {
    public User { groups = List.copyOf(groups); }
  }

  boolean allowed(User user, RequestAttributes attrs);
}
