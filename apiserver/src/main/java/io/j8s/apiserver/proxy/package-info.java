/**
 * The subresources served by a node's kubelet: {@code pods/log}, {@code pods/exec},
 * {@code pods/attach}, {@code pods/portforward} and {@code nodes/proxy}. {@link
 * io.j8s.apiserver.proxy.KubeletLocation} works out (pure) which kubelet URL a request maps to,
 * as upstream's pod and node strategies do; {@link io.j8s.apiserver.proxy.KubeletProxy} opens a
 * TLS connection to the kubelet, sends the request on and relays the response, or the upgraded
 * connection, both ways byte for byte with back-pressure.
 */
package io.j8s.apiserver.proxy;
