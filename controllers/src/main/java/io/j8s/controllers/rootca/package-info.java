/**
 * The root CA publisher, as upstream's root-ca-cert-publisher: a {@code kube-root-ca.crt}
 * ConfigMap holding exactly {@code ca.crt} (the cluster CA bundle the controllers' client trusts)
 * in every active namespace, created when missing and restored when changed; none written into a
 * terminating namespace. Pods read it through their {@code kube-api-access-*} volume.
 */
package io.j8s.controllers.rootca;
