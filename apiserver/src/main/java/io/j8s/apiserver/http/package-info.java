/**
 * The Netty side of the API server: TLS, HTTP/1.1 decoding with a body-size limit, handing
 * each request to a virtual thread as an {@link io.j8s.apiserver.http.Exchange}, and writing
 * whole or streamed (chunked, or WebSocket when the client asks to upgrade) responses. Knows
 * nothing about resources.
 */
package io.j8s.apiserver.http;
