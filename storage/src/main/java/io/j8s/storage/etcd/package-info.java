/**
 * The etcd driver over jetcd: the store's revisions are etcd's own; writes are transactions
 * comparing createRevision (create) or modRevision (update, delete); list ranges over the
 * prefix at a revision; watches are etcd watches with previous values. Several j8s servers
 * can share one etcd cluster.
 */
package io.j8s.storage.etcd;
