package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.tokens.ServiceAccountAdmission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs {@link ServiceAccountAdmission} on new pods against the store. As upstream, a missing
 * {@code default} account is looked for again for a while (the ServiceAccount controller creates it
 * just after its namespace; upstream waits about 1.5 s, j8s longer, as its tests run under heavy
 * load); other accounts are looked up once.
 */
final class PodServiceAccounts {
  private static final ResourceType SERVICE_ACCOUNTS = ResourceRegistry.builtins().byPlural("", "v1", "serviceaccounts").orElseThrow();
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);
  private static final Duration FIRST_STEP = Duration.ofMillis(100);
  private static final Duration MAX_STEP = Duration.ofSeconds(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectStore store;

  PodServiceAccounts(ObjectStore store) { this.store = store; }

  /**
   * Defaults the account and mounts its token into {@code pod}; returns the refusal to throw once the
   * pod has passed validation when the account does not exist, else null.
   */
  ApiException admit(String ns, ObjectNode pod) {
    if (!ServiceAccountAdmission.appliesTo(pod)) return null;
    String name = ServiceAccountAdmission.defaultName(pod);
    Optional<ObjectNode> sa = lookup(ns, name);
    if (sa.isEmpty()) {
      String podName = pod.path("metadata").path("name").asText("");
      return ApiException.forbidden("pods \"" + podName + "\" is forbidden: error looking up service account " + ns + "/" + name
          + ": serviceaccount \"" + name + "\" not found", "", "pods", podName);
    }
    ServiceAccountAdmission.mount(pod, sa.get(), RANDOM);
    return null;
  }

  private Optional<ObjectNode> lookup(String ns, String name) {
    Optional<ObjectNode> sa = store.get(SERVICE_ACCOUNTS, ns, name);
    if (sa.isPresent() || !name.equals(ServiceAccountAdmission.DEFAULT_ACCOUNT)) return sa;
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    Duration step = FIRST_STEP;
    while (sa.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(step);
        step = step.multipliedBy(2).compareTo(MAX_STEP) > 0 ? MAX_STEP : step.multipliedBy(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return sa;
      }
      sa = store.get(SERVICE_ACCOUNTS, ns, name);
    }
    return sa;
  }
}
