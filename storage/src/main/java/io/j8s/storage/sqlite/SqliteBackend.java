package io.j8s.storage.sqlite;

import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.nio.file.Files;
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

  private final Path file;
  private final Connection writer;
  private final BlockingQueue<Connection> readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final List<SqliteWatch> watches = new CopyOnWriteArrayList<>();
  private final int retain;
  private final int compactEvery;
  private volatile long current;
  private volatile long compacted;
  private long writesSinceCompactCheck;
  private volatile boolean closed;

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
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      this.writer = open();
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS log (rev INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
            + "deleted INTEGER NOT NULL, create_rev INTEGER NOT NULL, prev_rev INTEGER NOT NULL, value BLOB)");
        s.execute("CREATE INDEX IF NOT EXISTS log_name_rev ON log(name, rev)");
        s.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
      }
      this.readers = new ArrayBlockingQueue<>(4);
      for (int i = 0; i < 4; i++) readers.add(open());
      this.current = scalar(writer, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name='log'), 0)");
      this.compacted = scalar(writer, "SELECT COALESCE((SELECT v FROM meta WHERE k='compact'), 0)");
    } catch (Exception e) {
      throw new StorageException.Unavailable("cannot open the SQLite datastore at " + file + ": " + e.getMessage(), e);
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
    return read(c -> Optional.ofNullable(latest(c, key, Long.MAX_VALUE)).filter(r -> !r.deleted()).map(Row::kv));
  }

  /** A log row. */
  record Row(long rev, String name, boolean deleted, long createRev, long prevRev, byte[] value) {
    KeyValue kv() { return new KeyValue(name, value, createRev, rev); }
  }

  static Row row(ResultSet r) throws SQLException {
    return new Row(r.getLong(1), r.getString(2), r.getInt(3) != 0, r.getLong(4), r.getLong(5), r.getBytes(6));
  }

  private static Row latest(Connection c, String key, long atOrBelow) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLS + " FROM log WHERE name = ? AND rev <= ? ORDER BY rev DESC LIMIT 1")) {
      p.setString(1, key);
      p.setLong(2, atOrBelow);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? row(r) : null;
      }
    }
  }

  @Override
  public long create(String key, byte[] value) {
    return write(c -> {
      Row prev = latest(c, key, Long.MAX_VALUE);
      if (prev != null && !prev.deleted()) throw new StorageException.KeyExists(key);
      long rev = append(c, key, false, -1, prev == null ? 0 : prev.rev(), value);
      return new Change(new Event(Event.Type.CREATE, new KeyValue(key, value, rev, rev), null), rev);
    }).revision;
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    return write(c -> {
      Row prev = latest(c, key, Long.MAX_VALUE);
      if (prev == null || prev.deleted()) throw new StorageException.NotFound(key);
      if (prev.rev() != expectedRevision) throw new StorageException.Conflict(key, expectedRevision, prev.kv());
      long rev = append(c, key, false, prev.createRev(), prev.rev(), value);
      return new Change(new Event(Event.Type.UPDATE, new KeyValue(key, value, prev.createRev(), rev), prev.kv()), rev);
    }).revision;
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return write(c -> {
      Row prev = latest(c, key, Long.MAX_VALUE);
      if (prev == null || prev.deleted()) throw new StorageException.NotFound(key);
      if (expectedRevision != 0 && prev.rev() != expectedRevision) throw new StorageException.Conflict(key, expectedRevision, prev.kv());
      long rev = append(c, key, true, prev.createRev(), prev.rev(), prev.value());
      KeyValue gone = new KeyValue(key, prev.value(), prev.createRev(), rev);
      return new Change(new Event(Event.Type.DELETE, gone, prev.kv()), rev);
    }).event.kv();
  }

  private static long append(Connection c, String key, boolean deleted, long createRev, long prevRev, byte[] value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO log (name, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, key);
      p.setInt(2, deleted ? 1 : 0);
      p.setLong(3, createRev);
      p.setLong(4, prevRev);
      p.setBytes(5, value);
      p.executeUpdate();
      try (ResultSet k = p.getGeneratedKeys()) {
        k.next();
        long rev = k.getLong(1);
        if (createRev < 0) {
          try (PreparedStatement u = c.prepareStatement("UPDATE log SET create_rev = rev WHERE rev = ?")) {
            u.setLong(1, rev);
            u.executeUpdate();
          }
        }
        return rev;
      }
    }
  }

  @Override
  public ListResult list(String prefix, String startAfter, int limit, long revision) {
    long at = revision == 0 ? current : revision;
    if (revision != 0 && revision <= compacted) throw new StorageException.Compacted(revision, compacted);
    return read(c -> {
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
    return read(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM log l JOIN (SELECT name, MAX(rev) AS r FROM log "
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

  private interface Tx<T> { T run(Connection c) throws SQLException; }

  private Change write(Tx<Change> tx) {
    writeLock.lock();
    try {
      if (closed) throw new StorageException.Unavailable("the datastore is closed", null);
      writer.setAutoCommit(false);
      Change ch;
      try {
        ch = tx.run(writer);
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
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

  private <T> T read(Tx<T> tx) {
    Connection c;
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
      try {
        writer.close();
        for (Connection c : readers) c.close();
      } catch (SQLException e) {
        LOG.warn("closing {}: {}", file, e.getMessage());
      }
    } finally {
      writeLock.unlock();
    }
  }
}
