package io.j8s.apiserver.tokens;

import java.time.Instant;
import java.util.Optional;

/** The live objects a token names: its service account and what it is bound to. */
public interface BoundObjects {
  /** An object's uid and deletionTimestamp (null when not being deleted). */
  record Live(String uid, Instant deletionTimestamp) {}

  Optional<Live> serviceAccount(String namespace, String name);

  Optional<Live> pod(String namespace, String name);

  Optional<Live> secret(String namespace, String name);

  Optional<Live> node(String name);
}
