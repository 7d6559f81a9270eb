package io.j8s.dist;

import io.j8s.apiserver.encryption.SecretsAtRest;
import io.j8s.storage.StorageException;
import io.j8s.storage.encryption.KeyRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code j8s secrets}: the keys that encrypt Secrets at rest. {@code rotate-key} runs against a
 * stopped server's datastore (the SQLite datastore is locked while a server has it open).
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
    description = "Manage the encryption of Secrets at rest (keys in <data-dir>/server/encryption-keys).",
    subcommands = {SecretsCommand.RotateKey.class})
final class SecretsCommand implements Runnable {

  @Override public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "rotate-key", mixinStandardHelpOptions = true,
      description = {"With the server stopped: put a new key first in the key file, re-encrypt every Secret with it, "
          + "compact the datastore so no older copy remains, then drop the old keys (unless --keep-old-keys).",
          "Safe to interrupt and run again: every key some Secret still needs stays in the file until none does."})
  static final class RotateKey implements Callable<Integer> {
    @Option(names = "--data-dir", description = "The server's state directory (default: /var/lib/j8s as root, else ~/.j8s)")
    Path dataDir;

    @Option(names = "--datastore-endpoint", defaultValue = "sqlite:",
        description = "The server's datastore, as given to j8s server (default: ${DEFAULT-VALUE})")
    String datastore;

    @Option(names = "--keep-old-keys", description = "Keep the old keys in the file (they still decrypt, e.g. for a backup of the datastore)")
    boolean keepOldKeys;

    @Override public Integer call() {
      Path dir = NodeAgentOptions.defaultDataDir(dataDir);
      if (!Files.isDirectory(dir.resolve("server"))) {
        System.err.println("j8s: " + dir + " holds no server state (no server/ directory); give the server's --data-dir");
        return 2;
      }
      try {
        KeyRotation.Result r = SecretsAtRest.rotate(dir, datastore, !keepOldKeys, line -> System.out.println("j8s: " + line));
        System.out.println("j8s: every Secret (" + r.total() + ") is now encrypted with key " + r.newKey()
            + (r.kept().isEmpty() ? "" : "; old keys kept: " + String.join(", ", r.kept())));
        return 0;
      } catch (StorageException.Unavailable e) {
        System.err.println("j8s: " + e.getMessage());
        return 1;
      } catch (StorageException.Unreadable e) {
        System.err.println("j8s: rotation stopped, no key was dropped: " + e.getMessage());
        return 1;
      } catch (RuntimeException e) {
        System.err.println("j8s: rotation stopped, no key was dropped: " + e.getMessage());
        return 1;
      }
    }
  }
}
