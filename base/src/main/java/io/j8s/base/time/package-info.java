/**
 * Time as a dependency: {@link io.j8s.base.time.Clock} is read by everything that waits or
 * schedules, so simulations can drive a {@link io.j8s.base.time.ManualClock} instead of the
 * wall clock.
 */
package io.j8s.base.time;
