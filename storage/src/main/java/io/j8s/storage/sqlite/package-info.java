/**
 * The default datastore: one SQLite file holding an append-only log in the manner of kine.
 * Every write appends a row whose id is the new global revision (the previous one plus one,
 * assigned by the server, the file's only writer; AUTOINCREMENT keeps the largest id ever used,
 * so compaction never frees one for reuse); a key's current
 * value is its newest row; a delete appends a marker row carrying the last value. Reads at a
 * past revision take each key's newest row at or below it. Compaction drops rows superseded at
 * or below the compact revision and old delete markers, and runs by itself once the log holds
 * more than a few thousand revisions beyond the retained window, so the file stays bounded
 * under churn (free pages are reused).
 *
 * <p>A write is its revision check and one INSERT in autocommit mode, on statements prepared
 * once: the write lock makes the pair atomic, and the INSERT commits on its own.
 *
 * <p>Durability: the database runs in WAL mode with {@code synchronous=NORMAL}. A commit
 * returns only after its WAL frames were written with write(2), so the data is in the kernel's
 * page cache: a {@code kill -9} of the server loses nothing acknowledged (only a power loss or
 * kernel crash can lose the last commits since the previous checkpoint fsync).
 *
 * <p>Watches are served in-process: the single writer publishes each committed change to every
 * watcher's queue while it still holds the write lock, so events are delivered in revision
 * order; a watcher that falls too far behind is closed rather than slowing writers.
 *
 * <p>Being the only writer is enforced: the backend holds an exclusive lock on
 * {@code <file>.lock} while open, and a second opener is refused. Deletes run with
 * {@code secure_delete}, so what compaction drops is overwritten, and closing checkpoints the WAL
 * into the file and truncates it.
 */
package io.j8s.storage.sqlite;
