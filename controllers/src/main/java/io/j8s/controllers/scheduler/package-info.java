/**
 * The scheduler: assigns pods with no node and schedulerName {@code default-scheduler} (or none)
 * to a node, through the {@code pods/binding} subresource.
 *
 * <p>It does not use the queue-per-key {@code Controller}: a scheduler needs a priority queue with
 * upstream's three parts (active, backoff, unschedulable pool) and, above all, one thread that owns
 * the node cache, so that a cycle reads consistent sums without copying a snapshot per pod and
 * assumed pods count at once. So it runs its own loop ({@link io.j8s.controllers.scheduler.Scheduler}),
 * started beside the controllers by the controller manager while it leads. {@link
 * io.j8s.controllers.scheduler.SchedulerEngine} holds the state and runs one cycle (clock and seed
 * injected, no API calls: the simulation drives it directly); {@link
 * io.j8s.controllers.scheduler.SchedulingQueue} orders and backs off; the algorithm is the pure
 * {@code framework} package; {@code ApiBinder} writes bindings, conditions and events.
 */
package io.j8s.controllers.scheduler;
