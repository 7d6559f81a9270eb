/**
 * The scheduling algorithm, pure and single-threaded: {@link
 * io.j8s.controllers.scheduler.framework.PodInfo} (a pod read once), {@link
 * io.j8s.controllers.scheduler.framework.NodeInfo} (a node with running sums of its pods), the
 * filters ({@link io.j8s.controllers.scheduler.framework.NodeFilters}, {@link
 * io.j8s.controllers.scheduler.framework.TopologySpread}, {@link
 * io.j8s.controllers.scheduler.framework.InterPodAffinity}), the {@link
 * io.j8s.controllers.scheduler.framework.Scorers}, and {@link
 * io.j8s.controllers.scheduler.framework.Algorithm#schedule} which turns a pod and a node
 * snapshot into a {@link io.j8s.controllers.scheduler.framework.Decision}. Modelled on upstream's
 * default plugins and their messages; no API calls, no clocks, no threads.
 */
package io.j8s.controllers.scheduler.framework;
