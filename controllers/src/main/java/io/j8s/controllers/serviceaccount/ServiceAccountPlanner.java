package io.j8s.controllers.serviceaccount;

import java.util.Set;

/** Whether a namespace needs its {@code default} ServiceAccount created: it is active (not terminating) and has none. */
public final class ServiceAccountPlanner {
  public static final String DEFAULT = "default";

  private ServiceAccountPlanner() {}

  /**
   * @param terminating the namespace's phase is Terminating or it has a deletionTimestamp
   * @param accounts names of the ServiceAccounts in the namespace
   */
  public static boolean needsDefault(boolean exists, boolean terminating, Set<String> accounts) {
    return exists && !terminating && !accounts.contains(DEFAULT);
  }
}
