package io.wharf.contract.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
 * <li>rewrite the live pages of sparse chunks (H2's own {@code MVStore.compact}, the step its background writer takes,
 * bounded in bytes per pass), so their space is freed;</li>
 * <li>sync: force the file to disk. H2 never syncs a commit; it overwrites a freed chunk only once
 * the chunk is older than {@code RETENTION_TIME}, assuming the OS has written everything by then (45 s by default,
 * against Linux's 30 s writeback). Syncing every interval makes that hold after one interval, so the URLs can set a
 * much shorter retention, and the space superseded chunks hold at any moment shrinks with it.</li>
 * </ul>
 */
public final class EmbeddedH2Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2Housekeeping.class);
    /** H2's default AUTO_COMPACT_FILL_RATE: chunks are rewritten while the file's live share is below it. */
    private static final int TARGET_FILL_RATE = 90;

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

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

    /** Runs a pass every interval until closed. */
    public static EmbeddedH2Housekeeping start(DataSource dataSource, Duration interval) {
        EmbeddedH2Housekeeping housekeeping = new EmbeddedH2Housekeeping(dataSource);
        housekeeping.scheduler.scheduleWithFixedDelay(housekeeping::passQuietly, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    /** One pass: rewrite sparse chunks, then sync the file. */
    public void pass() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = store(connection);
            // Live bytes rewritten per pass at most: what H2's background writer rewrites when idle. (Its other step,
            // moving chunks to the file's start, trips an assertion of H2's own when called from outside.)
            store.compact(TARGET_FILL_RATE, store.getAutoCommitMemory());
            // Every commit is already written (WRITE_DELAY=0); this forces it to the disk. Unlike CHECKPOINT SYNC it
            // needs no admin rights of the configured database user.
            store.sync();
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
