/**
 * The workload controllers: the ReplicaSet controller (keeps {@code spec.replicas} pods that
 * match its selector, owned through a controller reference, created in slow-start batches and
 * removed in upstream's deletion order, with expectations so a stale cache never causes a second
 * create) and the Deployment controller (one ReplicaSet per pod template, named by a
 * {@code pod-template-hash}, rolled out with RollingUpdate or Recreate, revisions kept in
 * annotations that {@code kubectl rollout undo|history} read, proportional scaling, progress
 * deadline). Each sync is a pure plan ({@link io.j8s.controllers.workload.ReplicaSetPlanner},
 * {@link io.j8s.controllers.workload.DeploymentPlanner}) computed from informer caches, then a
 * small reconciler applies it through the fabric8 client. Modelled on upstream's
 * pkg/controller/replicaset and pkg/controller/deployment.
 */
package io.j8s.controllers.workload;
