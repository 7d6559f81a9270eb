package io.j8s.storage.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key ring's file: one key a line, {@code <name> <base64 of 32 bytes>}, first line first;
 * {@code #} starts a comment. Mode 0600; every write goes to a temporary file that is synced and
 * then renamed over the old one, so a reader (or a crash) sees the old ring or the new, never half.
 */
public final class KeyFile {
  private static final String HEADER = """
      # j8s: the keys that encrypt Secrets at rest (AES-256-GCM), one "<name> <base64>" a line.
      # The first key encrypts new writes; every key here decrypts. Keep this file private and
      # back it up with the datastore: without the keys the Secrets in it cannot be read.
      # Rotate with: j8s secrets rotate-key (with the server stopped)
      """;

  private KeyFile() {}

  /** The ring in {@code file}, which is made with one fresh key ({@code key1}) if absent. */
  public static KeyRing loadOrCreate(Path file) {
    if (!Files.exists(file)) write(file, new KeyRing(List.of(EncryptionKey.generate("key1")), file.toString()));
    return load(file);
  }

  /** @throws IllegalArgumentException naming the file and line when it does not parse */
  public static KeyRing load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the encryption key file " + file + ": " + e.getMessage(), e);
    }
    List<EncryptionKey> keys = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\\s+");
      try {
        if (f.length != 2) throw new IllegalArgumentException("expected \"<name> <base64 key>\"");
        keys.add(new EncryptionKey(f[0], Base64.getDecoder().decode(f[1])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new KeyRing(keys, file.toString());
  }

  /** Replaces {@code file} with {@code ring}, atomically and durably. */
  public static void write(Path file, KeyRing ring) {
    StringBuilder text = new StringBuilder(HEADER);
    for (EncryptionKey k : ring.keys()) text.append(k.name()).append(' ').append(Base64.getEncoder().encodeToString(k.secret())).append('\n');
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(tmp);
      try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        ch.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the encryption key file " + file + ": " + e.getMessage(), e);
    }
  }
}
