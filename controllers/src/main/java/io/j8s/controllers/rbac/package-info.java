/**
 * The ClusterRole aggregation controller, as upstream's clusterrole-aggregation controller: a
 * ClusterRole with an {@code aggregationRule} gets as rules the union of the rules of every
 * other ClusterRole its selectors match (by name order, duplicates dropped), kept current as
 * roles and labels change. Planner pure; the controller writes only changed rules.
 */
package io.j8s.controllers.rbac;
