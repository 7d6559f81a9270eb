package io.j8s.kubelet.server;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook authorization as upstream's kubelet: a SubjectAccessReview to the API server for the
 * client's user and groups and the request's attributes; answers are cached (allowed 5 minutes,
 * denied 30 s, upstream's defaults); an API that does not answer means denied (not cached).
 */
public final class SubjectAccessReviews implements KubeletAuthorizer {
  private static final Logger LOG = LoggerFactory.getLogger(SubjectAccessReviews.class);
  static final Duration ALLOWED_TTL = Duration.ofMinutes(5);
  static final Duration DENIED_TTL = Duration.ofSeconds(30);

  /** Asks the API (the seam tests replace). */
  @FunctionalInterface
  public interface Reviewer {
    boolean review(User user, RequestAttributes attrs);
  }

  private record Key(User user, RequestAttributes attrs) {}

  private record Answer(boolean allowed, Instant until) {}

  private final Reviewer reviewer;
  private final Clock clock;
  private final Map<Key, Answer> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<Key, Answer> e) { return size() > 1024; }
  };

  public SubjectAccessReviews(Reviewer reviewer, Clock clock) {
    this.reviewer = reviewer;
    this.clock = clock;
  }

  /** Reviews through the API server. */
  public static SubjectAccessReviews of(KubernetesClient client, Clock clock) {
    return new SubjectAccessReviews((user, a) -> {
      SubjectAccessReview sar = new SubjectAccessReviewBuilder().withNewSpec().withUser(user.name()).withGroups(user.groups())
          .withNewResourceAttributes().withVerb(a.verb()).withGroup("").withVersion("v1").withResource(a.resource())
          .withSubresource(a.subresource()).withName(a.name()).endResourceAttributes().endSpec().build();
      SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(sar);
      return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }, clock);
  }

  @Override
  public boolean allowed(User user, RequestAttributes attrs) {
    Key key = new Key(user, attrs);
    Instant now = clock.now();
    synchronized (cache) {
      Answer a = cache.get(key);
      if (a != null && now.isBefore(a.until())) return a.allowed();
    }
    boolean allowed;
    try {
      allowed = reviewer.review(user, attrs);
    } catch (RuntimeException e) {
      LOG.warn("SubjectAccessReview for {} on nodes/{} failed (denied): {}", user.name(), attrs.subresource(), e.toString());
      return false;
    }
    synchronized (cache) {
      cache.put(key, new Answer(allowed, now.plus(allowed ? ALLOWED_TTL : DENIED_TTL)));
    }
    return allowed;
  }
}
