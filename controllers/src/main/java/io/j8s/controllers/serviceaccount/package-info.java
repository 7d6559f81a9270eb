/**
 * The ServiceAccount controller: a {@code default} ServiceAccount in every active namespace,
 * created when the namespace appears and again whenever it is deleted; none in a terminating
 * namespace. (Tokens for service accounts are the token controller's business, not this one's.)
 */
package io.j8s.controllers.serviceaccount;
