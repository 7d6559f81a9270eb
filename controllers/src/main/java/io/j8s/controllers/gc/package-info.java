/**
 * The garbage collector: from a snapshot of all objects, {@link io.j8s.controllers.gc.GcPlanner}
 * computes what to do (delete dependents whose owners are all gone, drop references to gone
 * owners, orphan dependents of an owner with the {@code orphan} finalizer, delete dependents of
 * an owner with {@code foregroundDeletion} first, then release the owner's finalizer); the
 * controller applies those actions through the API and re-plans on the next change.
 */
package io.j8s.controllers.gc;
