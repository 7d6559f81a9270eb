package io.j8s.storage.encryption;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys values may be sealed with, in order: the first seals new writes, every one opens.
 *
 * @param source where the keys come from (a file's path), named in error messages
 */
public record KeyRing(List<EncryptionKey> keys, String source) {
  public KeyRing {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) throw new IllegalArgumentException("no encryption key in " + source);
    Set<String> names = new HashSet<>();
    for (EncryptionKey k : keys) {
      if (!names.add(k.name())) throw new IllegalArgumentException("key name " + k.name() + " appears twice in " + source);
    }
  }

  /** The key new values are sealed with. */
  public EncryptionKey primary() { return keys.get(0); }

  public Optional<EncryptionKey> byName(String name) {
    for (EncryptionKey k : keys) if (k.name().equals(name)) return Optional.of(k);
    return Optional.empty();
  }

  public List<String> names() { return keys.stream().map(EncryptionKey::name).toList(); }

  /** This ring with {@code key} put first. */
  public KeyRing withPrimary(EncryptionKey key) {
    List<EncryptionKey> out = new java.util.ArrayList<>();
    out.add(key);
    for (EncryptionKey k : keys) if (!k.name().equals(key.name())) out.add(k);
    return new KeyRing(out, source);
  }

  /** The name after the largest {@code key<N>} in the ring: key1, key2, ... */
  public String nextName() {
    int max = 0;
    for (EncryptionKey k : keys) {
      if (k.name().matches("key[0-9]{1,9}")) max = Math.max(max, Integer.parseInt(k.name().substring(3)));
    }
    return "key" + (max + 1);
  }
}
