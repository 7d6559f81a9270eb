/**
 * IPv4 addresses and CIDRs as numbers, parsed strictly (four decimal octets, no leading zeros,
 * as Go's parser and so upstream Kubernetes), for every range the cluster cuts up: the service
 * CIDR, the cluster CIDR's node subnets and the service load balancer's pool.
 */
package io.j8s.api.net;
