package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a set of files into a directory the way upstream's atomic writer does, so a reader always sees one
 * complete version: the files go into a fresh {@code ..<timestamp>.<random>} directory, a {@code ..data_tmp}
 * symlink to it is renamed over {@code ..data} (rename(2) is atomic), and each top-level name is a symlink
 * {@code name -> ..data/name} that never changes. Nothing is written when content and modes are unchanged.
 *
 * <p>One difference from upstream: a replaced data directory is removed only once it has been out of use for
 * {@link #RETIRED_KEPT} (by a later write; its successor's mtime says when it was replaced), not right after the
 * swap, so a reader that resolved {@code ..data} just before a swap still finds its files, even if it was
 * descheduled across several quick writes (keeping just the one previous directory failed that way on a loaded
 * 2-core machine: 200 updates in a row).
 */
public final class AtomicWriter {
  static final String DATA = "..data";
  static final String DATA_TMP = "..data_tmp";
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss'.'");
  private static final int MAX_PATH = 4096;
  private static final int MAX_NAME = 255;
  /** How long a replaced data directory stays for readers that resolved {@code ..data} before the swap. */
  static final Duration RETIRED_KEPT = Duration.ofSeconds(2);

  private AtomicWriter() {}

  /** Upstream's payload path rules; null when valid, else the error. */
  static String validatePath(String p) {
    if (p.isEmpty()) return "invalid path: must not be empty: \"\"";
    if (p.startsWith("/")) return "invalid path: must be relative path: " + p;
    if (p.length() > MAX_PATH) return "invalid path: must be less than or equal to " + MAX_PATH + " characters";
    String[] items = p.split("/", -1);
    for (String item : items) {
      if (item.equals("..")) return "invalid path: must not contain '..': " + p;
      if (item.length() > MAX_NAME) return "invalid path: filenames must be less than or equal to " + MAX_NAME + " characters";
    }
    if (items[0].startsWith("..") && items[0].length() > 2) return "invalid path: must not start with '..': " + p;
    return null;
  }

  /** Makes {@code dir} hold exactly {@code payload}; true when a new version was swapped in. */
  public static boolean write(Path dir, Map<String, FileProjection> payload) throws IOException {
    for (String p : payload.keySet()) {
      String error = validatePath(p);
      if (error != null) throw new IOException(error);
    }
    Files.createDirectories(dir);
    Path data = dir.resolve(DATA);
    String oldTs = Files.isSymbolicLink(data) ? Files.readSymbolicLink(data).toString() : null;
    Set<String> oldVisible = visibleNames(dir);
    Set<String> newVisible = topLevel(payload.keySet());
    boolean changed = oldTs == null || !sameContent(dir.resolve(oldTs), payload);
    if (changed) {
      Path ts = Files.createTempDirectory(dir, ZonedDateTime.now(ZoneOffset.UTC).format(TS));
      Files.setPosixFilePermissions(ts, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (var e : payload.entrySet()) {
        Path f = ts.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.write(f, e.getValue().data());
        Files.setPosixFilePermissions(f, permissions(e.getValue().mode()));
      }
      Path tmp = dir.resolve(DATA_TMP);
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, ts.getFileName());
      Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    for (String name : newVisible) {
      Path link = dir.resolve(name);
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createSymbolicLink(link, Path.of(DATA, name));
        } catch (FileAlreadyExistsException ignored) {
          // raced with nobody: one writer per volume; keep the existing link
        }
      }
    }
    for (String name : oldVisible) {
      if (!newVisible.contains(name)) Files.deleteIfExists(dir.resolve(name));
    }
    removeRetired(dir, Files.readSymbolicLink(data).toString(), Instant.now().minus(RETIRED_KEPT));
    return changed;
  }

  /** The user-visible entries: everything not starting with "..". */
  private static Set<String> visibleNames(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("..")).forEach(out::add);
    }
    return out;
  }

  private static Set<String> topLevel(Set<String> paths) {
    Set<String> out = new HashSet<>();
    for (String p : paths) out.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
    return out;
  }

  private static boolean sameContent(Path ts, Map<String, FileProjection> payload) throws IOException {
    if (!Files.isDirectory(ts, LinkOption.NOFOLLOW_LINKS)) return false;
    List<Path> files;
    try (Stream<Path> s = Files.walk(ts)) {
      files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    if (files.size() != payload.size()) return false;
    for (Path f : files) {
      FileProjection want = payload.get(ts.relativize(f).toString());
      if (want == null) return false;
      if (mode(f) != (want.mode() & 0777)) return false;
      try {
        if (!java.util.Arrays.equals(Files.readAllBytes(f), want.data())) return false;
      } catch (NoSuchFileException e) {
        return false;
      }
    }
    return true;
  }

  /** A data directory and when it was written (its mtime). */
  private record Generation(Path dir, Instant written) {}

  /**
   * Removes the data directories replaced before {@code before}: each one was replaced when the next newer
   * one was written. The current one always stays.
   */
  private static void removeRetired(Path dir, String current, Instant before) throws IOException {
    List<Generation> generations = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (!n.startsWith("..") || n.equals(DATA) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
        try {
          generations.add(new Generation(p, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant()));
        } catch (NoSuchFileException gone) {
          // removed meanwhile
        }
      }
    }
    generations.sort(Comparator.comparing(Generation::written).thenComparing(g -> g.dir().getFileName().toString()));
    for (int i = 0; i + 1 < generations.size(); i++) {
      Path g = generations.get(i).dir();
      if (!g.getFileName().toString().equals(current) && generations.get(i + 1).written().isBefore(before)) Trees.delete(g);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = new HashSet<>();
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) out.add(bits[i]);
    }
    return out;
  }

  static int mode(Path p) throws IOException {
    int m = 0;
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    PosixFilePermission[] bits = PosixFilePermission.values();
    for (int i = 0; i < 9; i++) if (perms.contains(bits[i])) m |= 1 << (8 - i);
    return m;
  }
}
