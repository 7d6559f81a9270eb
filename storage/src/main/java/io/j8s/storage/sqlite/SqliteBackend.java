package io.j8s.storage.sqlite;

import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Backend} on one SQLite file; see the package description for the design. */
public final class SqliteBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);
  static final String COLS = "rev, name, deleted, create_rev, prev_rev, value";
  private static final String LATEST = "SELECT " + COLS + " FROM log WHERE name = ? AND rev <= ? ORDER BY rev DESC LIMIT 1";

  private final Path file;
  private final Connection writer;
  /** The writer's per-write statements, prepared once (used under the write lock only). */
  private final PreparedStatement writerLatest;
  private final PreparedStatement insert;
  private final BlockingQueue<Reader> readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final List<SqliteWatch> watches = new CopyOnWriteArrayList<>();
  private final int retain;
  private final int compactEvery;
  private volatile long current;
  private volatile long compacted;
  private long writesSinceCompactCheck;
  private volatile boolean closed;
  private final FileChannel lockChannel;

  /** Opens (creating if needed) the database with the default compaction policy. */
  public SqliteBackend(Path file) { this(file, 1_000, 5_000); }

  /**
   * @param retain       revisions kept behind the newest by automatic compaction
   * @param compactEvery compact automatically once this many revisions accumulate beyond retain
   */
  public SqliteBackend(Path file, int retain, int compactEvery) {
    this.file = file;
    this.retain = retain;
    this.compactEvery = compactEvery;
    this.lockChannel = lock(file);
    try {
      this.writer = open();
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA secure_delete=ON"); // compaction overwrites what it drops (old values, e.g. superseded ciphertexts)
      }
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS log (rev INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
            + "deleted INTEGER NOT NULL, create_rev INTEGER NOT NULL, prev_rev INTEGER NOT NULL, value BLOB)");
        s.execute("CREATE INDEX IF NOT EXISTS log_name_rev ON log(name, rev)");
        s.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
      }
      this.writerLatest = writer.prepareStatement(LATEST);
      this.insert = writer.prepareStatement("INSERT INTO log (rev, name, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?, ?)");
      this.readers = new ArrayBlockingQueue<>(4);
      for (int i = 0; i < 4; i++) {
        Connection c = open();
        readers.add(new Reader(c, c.prepareStatement(LATEST)));
      }
      this.current = scalar(writer, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name='log'), 0)");
      this.compacted = scalar(writer, "SELECT COALESCE((SELECT v FROM meta WHERE k='compact'), 0)");
    } catch (Exception e) {
      closeQuietly(lockChannel);
      throw new StorageException.Unavailable("cannot open the SQLite datastore at " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes the exclusive lock on {@code <file>.lock} that makes this the file's only writer: a second
   * opener (another server on the same data dir, or an offline tool while the server runs) is refused.
   * The kernel releases it when the process ends, however it ends.
   */
  private static FileChannel lock(Path file) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel ch = null;
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        throw new StorageException.Unavailable("the SQLite datastore " + file + " is in use by another process or another open "
            + "datastore in this one (lock " + lockFile + "); is a j8s server running on this data dir? Stop it first", null);
      }
      return ch;
    } catch (java.io.IOException e) {
      closeQuietly(ch);
      throw new StorageException.Unavailable("cannot lock the SQLite datastore at " + file + ": " + e.getMessage(), e);
    } catch (StorageException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      if (ch != null) ch.close();
    } catch (java.io.IOException ignored) {
      // closing releases the lock; nothing else to do
    }
  }

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA cache_size=-16000");
    }
    return c;
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  @Override public long currentRevision() { return current; }

  @Override public long compactRevision() { return compacted; }

  @Override
  public Optional<KeyValue> get(String key) {
    return read(r -> Optional.ofNullable(latest(r.latest(), key, Long.MAX_VALUE)).filter(row -> !row.deleted()).map(Row::kv));
  }

  /** A log row. */
  record Row(long rev, String name, boolean deleted, long createRev, long prevRev, byte[] value) {
    KeyValue kv() { return new KeyValue(name, value, createRev, rev); }
  }

  static Row row(ResultSet r) throws SQLException {
    return new Row(r.getLong(1), r.getString(2), r.getInt(3) != 0, r.getLong(4), r.getLong(5), r.getBytes(6));
  }

  /** The newest row of key at or below a revision, through a prepared {@link #LATEST} statement. */
  private static Row latest(PreparedStatement p, String key, long atOrBelow) throws SQLException {
    p.setString(1, key);
    p.setLong(2, atOrBelow);
    try (ResultSet r = p.executeQuery()) {
      return r.next() ? row(r) : null;
    }
  }

  @Override
  public long create(String key, byte[] value) {
    return write(() -> {
      Row prev = latest(writerLatest, key, Long.MAX_VALUE);
      if (prev != null && !prev.deleted()) throw new StorageException.KeyExists(key);
      long rev = append(key, false, -1, prev == null ? 0 : prev.rev(), value);
      return new Change(new Event(Event.Type.CREATE, new KeyValue(key, value, rev, rev), null), rev);
    }).revision;
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    return write(() -> {
      Row prev = latest(writerLatest, key, Long.MAX_VALUE);
      if (prev == null || prev.deleted()) throw new StorageException.NotFound(key);
      if (prev.rev() != expectedRevision) throw new StorageException.Conflict(key, expectedRevision, prev.kv());
      long rev = append(key, false, prev.createRev(), prev.rev(), value);
      return new Change(new Event(Event.Type.UPDATE, new KeyValue(key, value, prev.createRev(), rev), prev.kv()), rev);
    }).revision;
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return write(() -> {
      Row prev = latest(writerLatest, key, Long.MAX_VALUE);
      if (prev == null || prev.deleted()) throw new StorageException.NotFound(key);
      if (expectedRevision != 0 && prev.rev() != expectedRevision) throw new StorageException.Conflict(key, expectedRevision, prev.kv());
      long rev = append(key, true, prev.createRev(), prev.rev(), prev.value());
      KeyValue gone = new KeyValue(key, prev.value(), prev.createRev(), rev);
      return new Change(new Event(Event.Type.DELETE, gone, prev.kv()), rev);
    }).event.kv();
  }

  /**
   * Appends the next revision, {@code current + 1}: this is the file's only writer and writes
   * under the write lock (AUTOINCREMENT keeps sqlite_sequence at the largest revision ever
   * written, so compaction never lets one be reused). A create ({@code createRev < 0}) is its own
   * create revision. One statement in autocommit mode: the row is committed, or not written.
   */
  private long append(String key, boolean deleted, long createRev, long prevRev, byte[] value) throws SQLException {
    long rev = current + 1;
    insert.setLong(1, rev);
    insert.setString(2, key);
    insert.setInt(3, deleted ? 1 : 0);
    insert.setLong(4, createRev < 0 ? rev : createRev);
    insert.setLong(5, prevRev);
    insert.setBytes(6, value);
    insert.executeUpdate();
    return rev;
  }

  @Override
  public ListResult list(String prefix, String startAfter, int limit, long revision) {
    long at = revision == 0 ? current : revision;
    if (revision != 0 && revision <= compacted) throw new StorageException.Compacted(revision, compacted);
    return read(reader -> {
      Connection c = reader.connection();
      String from = startAfter == null ? prefix : startAfter;
      String sql = "SELECT " + prefixed("l") + " FROM log l JOIN (SELECT name, MAX(rev) AS r FROM log WHERE name > ? AND name >= ? AND name < ? "
          + "AND rev <= ? GROUP BY name) m ON l.rev = m.r WHERE l.deleted = 0 ORDER BY l.name" + (limit > 0 ? " LIMIT " + (limit + 1) : "");
      List<KeyValue> items = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, startAfter == null ? "" : from);
        p.setString(2, prefix);
        p.setString(3, prefixEnd(prefix));
        p.setLong(4, at);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) items.add(row(r).kv());
        }
      }
      boolean more = limit > 0 && items.size() > limit;
      if (more) items.remove(items.size() - 1);
      return new ListResult(List.copyOf(items), at, more, more ? -1 : 0);
    });
  }

  private static String prefixed(String alias) {
    return String.join(", ", java.util.Arrays.stream(COLS.split(", ")).map(c -> alias + "." + c).toList());
  }

  /** The smallest string greater than every string starting with prefix. */
  static String prefixEnd(String prefix) {
    if (prefix.isEmpty()) return "\uffff";
    return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
  }

  @Override
  public long count(String prefix) {
    return read(reader -> {
      try (PreparedStatement p = reader.connection().prepareStatement("SELECT COUNT(*) FROM log l JOIN (SELECT name, MAX(rev) AS r FROM log "
          + "WHERE name >= ? AND name < ? GROUP BY name) m ON l.rev = m.r WHERE l.deleted = 0")) {
        p.setString(1, prefix);
        p.setString(2, prefixEnd(prefix));
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    writeLock.lock();
    try {
      if (closed) throw new StorageException.Unavailable("the datastore is closed", null);
      if (afterRevision < compacted) throw new StorageException.Compacted(afterRevision, compacted);
      SqliteWatch w = new SqliteWatch(prefix, afterRevision, listener, watches::remove);
      if (afterRevision < current) w.offerAll(history(prefix, afterRevision));
      watches.add(w);
      return w;
    } catch (SQLException e) {
      throw new StorageException.Unavailable("cannot read the SQLite log: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Events under prefix after a revision, from the log (writer connection; call under the write lock). */
  private List<Event> history(String prefix, long after) throws SQLException {
    List<Event> out = new ArrayList<>();
    try (PreparedStatement p = writer.prepareStatement("SELECT " + COLS + " FROM log WHERE rev > ? AND name >= ? AND name < ? ORDER BY rev")) {
      p.setLong(1, after);
      p.setString(2, prefix);
      p.setString(3, prefixEnd(prefix));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Row row = row(r);
          Row prev = row.prevRev() == 0 ? null : byRev(row.prevRev());
          KeyValue prevKv = prev == null || prev.deleted() ? null : prev.kv();
          Event.Type type = row.deleted() ? Event.Type.DELETE : prevKv == null ? Event.Type.CREATE : Event.Type.UPDATE;
          out.add(new Event(type, row.kv(), prevKv));
        }
      }
    }
    return out;
  }

  private Row byRev(long rev) throws SQLException {
    try (PreparedStatement p = writer.prepareStatement("SELECT " + COLS + " FROM log WHERE rev = ?")) {
      p.setLong(1, rev);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? row(r) : null;
      }
    }
  }

  @Override
  public void compact(long revision) {
    writeLock.lock();
    try {
      compactLocked(Math.min(revision, current));
    } catch (SQLException e) {
      throw new StorageException.Unavailable("compaction failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  private void compactLocked(long revision) throws SQLException {
    if (revision <= compacted) return;
    writer.setAutoCommit(false);
    try {
      try (PreparedStatement p = writer.prepareStatement("DELETE FROM log WHERE rev <= ?1 AND (deleted = 1 OR rev < "
          + "(SELECT MAX(l2.rev) FROM log l2 WHERE l2.name = log.name AND l2.rev <= ?1))")) {
        p.setLong(1, revision);
        p.executeUpdate();
      }
      try (PreparedStatement p = writer.prepareStatement("INSERT OR REPLACE INTO meta (k, v) VALUES ('compact', ?)")) {
        p.setLong(1, revision);
        p.executeUpdate();
      }
      writer.commit();
      compacted = revision;
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }

  // ---- plumbing ----

  private record Change(Event event, long revision) {}

  private interface Write { Change run() throws SQLException; }

  /** A read connection with its prepared {@link #LATEST} statement. */
  private record Reader(Connection connection, PreparedStatement latest) {}

  private interface ReadTx<T> { T run(Reader r) throws SQLException; }

  /**
   * Runs a write under the write lock. Each write reads (the revision check) and then appends
   * one row in one autocommitted statement: the lock makes the pair atomic for this process, the
   * only writer, so no explicit transaction (and its BEGIN/COMMIT round trips) is needed.
   */
  private Change write(Write tx) {
    writeLock.lock();
    try {
      if (closed) throw new StorageException.Unavailable("the datastore is closed", null);
      Change ch = tx.run();
      current = ch.revision;
      for (SqliteWatch w : watches) w.offer(ch.event);
      if (++writesSinceCompactCheck >= 100) {
        writesSinceCompactCheck = 0;
        if (current - compacted > retain + compactEvery) compactLocked(current - retain);
      }
      return ch;
    } catch (SQLException e) {
      throw new StorageException.Unavailable("SQLite write failed on " + file + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T read(ReadTx<T> tx) {
    Reader c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted waiting for a datastore connection", e);
    }
    try {
      return tx.run(c);
    } catch (SQLException e) {
      throw new StorageException.Unavailable("SQLite read failed on " + file + ": " + e.getMessage(), e);
    } finally {
      readers.add(c);
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) return;
      closed = true;
      for (SqliteWatch w : watches) w.closeFromBackend(null);
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the WAL's frames into the file, the WAL emptied
      } catch (SQLException e) {
        LOG.debug("checkpoint of {} at close: {}", file, e.getMessage());
      }
      try {
        writer.close();
        insert.close();
        writerLatest.close();
        for (Reader r : readers) r.connection().close();
      } catch (SQLException e) {
        LOG.warn("closing {}: {}", file, e.getMessage());
      }
    } finally {
      closeQuietly(lockChannel);
      writeLock.unlock();
    }
  }
}
