package io.wharf.contract.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What H2's own background writer would do for an embedded database file that both apps open with
 * {@code WRITE_DELAY=0}: that setting writes every commit at once (a killed process loses no confirmed push), but it
 * also stops H2's background thread, and with it all compaction. Every commit writes a new chunk, chunks that keep a
 * few live pages are never rewritten, and the file grows with every commit. So, at a fixed interval:
 * <ul>
 * <li>rewrite the live pages of sparse chunks (H2's own {@code MVStore.compact}, bounded in bytes per pass), so their
 * space is freed: while commits come, whenever the chunks are less than 90% live; when idle, as H2's background
 * writer does, until a pass brings no gain, then not again before the next commit. Rewriting a chunk's leaves also
 * rewrites their parents, which leaves other chunks part dead, and the chunks a pass frees count as dead until
 * {@code RETENTION_TIME} has passed, so on a large idle file passes without that rest rewrote the auto-commit memory
 * (about 20 MB) every interval forever;</li>
 * <li>sync: force the file to disk. H2 never syncs a commit; it overwrites a freed chunk only once
 * the chunk is older than {@code RETENTION_TIME}, assuming the OS has written everything by then (45 s by default,
 * against Linux's 30 s writeback). Syncing every interval makes that hold after one interval, so the URLs can set a
 * much shorter retention, and the space superseded chunks hold at any moment shrinks with it.</li>
 * </ul>
 */
public final class EmbeddedH2Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2Housekeeping.class);
    /** H2's default AUTO_COMPACT_FILL_RATE: chunks are rewritten while their live share is below it. */
    private static final int TARGET_FILL_RATE = 90;

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    /** The store's version when the last pass ended: unchanged means no commit came since (idle). */
    private long versionAfterLastPass = -1;
    /** An idle pass gained nothing: passes wait for the next commit. */
    private boolean restingUntilNextCommit;

    EmbeddedH2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True for the JDBC URLs this applies to: an H2 database in a local file, opened in this process. */
    public static boolean appliesTo(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            return false;
        }
        String location = jdbcUrl.substring("jdbc:h2:".length());
        return Stream.of("mem:", "tcp:", "ssl:", "zip:").noneMatch(location::startsWith);
    }

    /**
     * Runs a pass every interval until closed when housekeeping applies to {@code jdbcUrl}; otherwise runs nothing.
     * The apps decide this at start rather than by a bean condition, which Spring AOT fixes when an app is built.
     */
    public static AutoCloseable startIfApplies(String jdbcUrl, DataSource dataSource, Duration interval) {
        return appliesTo(jdbcUrl) ? start(dataSource, interval) : () -> { };
    }

    private static EmbeddedH2Housekeeping start(DataSource dataSource, Duration interval) {
        EmbeddedH2Housekeeping housekeeping = new EmbeddedH2Housekeeping(dataSource);
        housekeeping.scheduler.scheduleWithFixedDelay(housekeeping::passQuietly, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    /** One pass: rewrite sparse chunks when that is worth it, then sync the file. */
    public synchronized void pass() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = store(connection);
            int write = store.getAutoCommitMemory();
            boolean idle = store.getCurrentVersion() == versionAfterLastPass;
            if (!idle) {
                // While commits come, every commit leaves chunks part dead: rewrite while the file's chunks are less
                // than TARGET_FILL_RATE live, H2's budget per pass. (Its other step, moving chunks to the file's
                // start, trips an assertion of H2's own when called from outside.)
                store.compact(TARGET_FILL_RATE, write);
                restingUntilNextCommit = false;
            } else if (!restingUntilNextCommit) {
                Fill before = Fill.of(store);
                if (before.rewritableChunks() < TARGET_FILL_RATE) {
                    // Decided here, on the chunks H2 may rewrite, so any fill rate of all of them lets H2 go on.
                    store.compact(100, write);
                }
                restingUntilNextCommit = !Fill.of(store).gainedOn(before);
            }
            // Every commit is already written (WRITE_DELAY=0); this forces it to the disk. Unlike CHECKPOINT SYNC it
            // needs no admin rights of the configured database user.
            store.sync();
            versionAfterLastPass = store.getCurrentVersion();
        }
    }

    private void passQuietly() {
        try {
            pass();
        } catch (SQLException | RuntimeException e) {
            // The next pass tries again; a database that is closing or unreachable is reported by its users.
            LOG.warn("H2 housekeeping pass failed: {}", e.toString());
        }
    }

    private static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    /**
     * How full the file is, from H2's own figures.
     *
     * @param rewritableChunks live share of the chunks H2 may rewrite (old enough, not fully live), in percent
     * @param chunks live share of all chunks, in percent
     * @param usedBytes the bytes of the file that chunks occupy
     */
    private record Fill(int rewritableChunks, int chunks, long usedBytes) {

        static Fill of(MVStore store) {
            Map<String, String> info = new HashMap<>();
            store.populateInfo(info::put);
            long fileSize = Long.parseLong(info.get("info.FILE_SIZE"));
            return new Fill(Integer.parseInt(info.get("info.CHUNKS_FILL_RATE_RW")),
                    Integer.parseInt(info.get("info.CHUNKS_FILL_RATE")),
                    fileSize * Integer.parseInt(info.get("info.FILL_RATE")) / 100);
        }

        boolean gainedOn(Fill before) {
            return usedBytes < before.usedBytes || usedBytes == before.usedBytes && chunks > before.chunks;
        }
    }

    /** Lets a running pass finish: an interrupt would close H2's file channel under the database. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
