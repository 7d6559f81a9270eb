package io.j8s.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import io.j8s.controllers.daemonset.DaemonSetController;
import io.j8s.controllers.endpoints.EndpointSliceController;
import io.j8s.controllers.endpoints.EndpointsController;
import io.j8s.controllers.nodeipam.NodeIpamController;
import io.j8s.controllers.nodelifecycle.NodeLifecycleController;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.quota.ResourceQuotaController;
import io.j8s.controllers.rbac.ClusterRoleAggregationController;
import io.j8s.controllers.serviceaccount.ServiceAccountController;
import io.j8s.controllers.rootca.RootCaPublisher;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Informers;
import io.j8s.controllers.runtime.LeaderElection;
import io.j8s.controllers.scheduler.Scheduler;
import io.j8s.controllers.servicelb.ServiceLbController;
import io.j8s.controllers.workload.WorkloadControllers;
import io.j8s.controllers.certificates.CsrApprovingController;
import io.j8s.controllers.certificates.CsrSigningController;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every controller while this process holds the {@code kube-system/j8s-controller-manager}
 * Lease: the queue-driven controllers over shared informers, and the cleanup loop (garbage
 * collector and namespace controller), and the scheduler (its own loop: see the scheduler
 * package). Losing the lease stops them; winning it again starts a fresh set.
 */
public final class ControllerManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  /** Every queue-driven controller, built from the shared context. */
  static final List<Function<ControllerContext, Controller>> CONTROLLERS = List.of(
      WorkloadControllers::replicaSets, WorkloadControllers::deployments,
      EndpointSliceController::create,
      EndpointsController::create,
      NodeIpamController::create,
      NodeLifecycleController::create,
      ServiceAccountController::create,
      RootCaPublisher::create,
      DaemonSetController::create,
      ClusterRoleAggregationController::create,
      ResourceQuotaController::create,
      CsrApprovingController::create,
      CsrSigningController::create);

  private final KubernetesClient client;
  private final KubernetesClient schedulerClient;
  private final Clock clock;
  private final ControllerOptions options;
  private final String identity;
  private LeaderElection election;
  private Active active;

  public ControllerManager(KubernetesClient client) {
    this(client, ControllerOptions.DEFAULTS);
  }

  public ControllerManager(KubernetesClient client, ControllerOptions options) {
    this(client, client, options);
  }

  /**
   * @param client          the controllers' client (and the shared informers')
   * @param schedulerClient the scheduler's own identity: its bindings, pod status patches and events
   *                        (it reads the shared informers' caches of pods and nodes)
   */
  public ControllerManager(KubernetesClient client, KubernetesClient schedulerClient, ControllerOptions options) {
    this.client = client;
    this.schedulerClient = schedulerClient;
    this.options = options;
    this.clock = Clock.system();
    this.identity = hostname() + "_" + UUID.randomUUID();
  }

  public ControllerManager start() {
    election = new LeaderElection(client, "kube-system", "j8s-controller-manager", identity, this::lead, this::stand).start();
    return this;
  }

  private synchronized void lead() {
    stand();
    active = new Active(client, schedulerClient, clock, options);
  }

  private synchronized void stand() {
    if (active != null) active.close();
    active = null;
  }

  /** The controllers of one term as leader. */
  private static final class Active implements AutoCloseable {
    private final Informers informers;
    private final List<Controller> controllers = new ArrayList<>();
    private final CleanupLoop cleanup;
    private final Scheduler scheduler;

    Active(KubernetesClient client, KubernetesClient schedulerClient, Clock clock, ControllerOptions options) {
      informers = new Informers(client);
      var ctx = new ControllerContext(client, informers, new EventRecorder(client, "j8s-controller-manager", clock), clock, options);
      for (var make : CONTROLLERS) controllers.add(make.apply(ctx));
      controllers.add(ServiceLbController.factory(options.serviceLbPool()).apply(ctx));
      scheduler = new Scheduler(schedulerClient == client ? ctx
          : new ControllerContext(schedulerClient, informers, new EventRecorder(schedulerClient, "default-scheduler", clock), clock, options));
      informers.start();
      Thread.ofVirtual().name("controllers-start").start(() -> {
        try {
          while (!informers.awaitSynced(java.time.Duration.ofSeconds(30))) LOG.info("controllers: waiting for informer caches to sync");
          synchronized (this) {
            controllers.forEach(Controller::start);
            scheduler.start();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      cleanup = new CleanupLoop(client).start();
    }

    @Override public synchronized void close() {
      cleanup.close();
      scheduler.close();
      controllers.forEach(Controller::close);
      informers.close();
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "j8s";
    }
  }

  /** Whether this process currently runs the controllers. */
  public synchronized boolean leading() { return active != null; }

  public String identity() { return identity; }

  @Override public synchronized void close() {
    if (election != null) election.close();
    stand();
  }
}
