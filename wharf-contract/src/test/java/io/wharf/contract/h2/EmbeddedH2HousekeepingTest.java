package io.wharf.contract.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedH2HousekeepingTest {

    private static final int ROUNDS = 6;
    private static final int COMMITS_PER_ROUND = 500;

    @TempDir
    Path folder;

    @Test
    void appliesToEmbeddedFilesOnly() {
        assertThat(EmbeddedH2Housekeeping.appliesTo("jdbc:h2:file:./data/index/db;WRITE_DELAY=0")).isTrue();
        assertThat(EmbeddedH2Housekeeping.appliesTo("jdbc:h2:/var/lib/wharf/registry")).isTrue();
        assertThat(EmbeddedH2Housekeeping.appliesTo("jdbc:h2:./data/registry")).isTrue();
        assertThat(EmbeddedH2Housekeeping.appliesTo("jdbc:h2:mem:test")).isFalse();
        assertThat(EmbeddedH2Housekeeping.appliesTo("jdbc:h2:tcp://db:9092/wharf")).isFalse();
        assertThat(EmbeddedH2Housekeeping.appliesTo("jdbc:postgresql://127.0.0.1:5432/wharf")).isFalse();
        assertThat(EmbeddedH2Housekeeping.appliesTo(null)).isFalse();
    }

    @Test
    void runsPassesOnlyForAnEmbeddedFile() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve("started") + ";WRITE_DELAY=0");
        long before = housekeepingThreads();

        try (AutoCloseable none = EmbeddedH2Housekeeping.startIfApplies("jdbc:postgresql://127.0.0.1:5432/wharf",
                dataSource, Duration.ofMillis(10))) {
            assertThat(housekeepingThreads()).as("threads for a PostgreSQL URL").isEqualTo(before);
        }
        try (AutoCloseable passes = EmbeddedH2Housekeeping.startIfApplies(dataSource.getURL(), dataSource,
                Duration.ofMillis(10))) {
            assertThat(housekeepingThreads()).as("threads for an embedded file").isEqualTo(before + 1);
        }
    }

    private static long housekeepingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().equals("h2-housekeeping"))
                .count();
    }

    /** The same stream of small commits, written at once as the apps do, with and without the housekeeping. */
    @Test
    void keepsAFileWrittenAtEveryCommitFromGrowingWithTheCommits() throws Exception {
        long without = fileSizeAfterCommits("plain", false);
        long with = fileSizeAfterCommits("kept", true);

        assertThat(with).as("file size with housekeeping, against %d bytes without", without).isLessThan(without * 3 / 4);
    }

    /**
     * A file whose chunks are mostly live, as a large database is after compaction: rewriting one chunk's leaves
     * leaves their parents' chunks part dead, so rewriting never raises the fill rate, and passes that went on while
     * it stayed low rewrote megabytes every interval of an idle server.
     */
    @Test
    void leavesAnIdleFileAloneOnceAPassGainsNothing() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve("idle") + ";WRITE_DELAY=0;RETENTION_TIME=100");
        EmbeddedH2Housekeeping passes = new EmbeddedH2Housekeeping(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table tag (id bigint primary key, name varchar(80), digest varchar(80),"
                    + " pushed bigint)");
            statement.execute("create index tag_name on tag (name)");
            statement.execute("create index tag_digest on tag (digest)");
            statement.execute("create index tag_pushed on tag (pushed)");
            for (int batch = 0; batch < 50; batch++) {
                statement.execute("insert into tag select x, 'v' || rand(), 'sha256:' || rand(), rand() * 1e9"
                        + " from system_range(" + batch * 2_000 + ", " + (batch * 2_000 + 1_999) + ")");
            }
            for (int change = 0; change < 100; change++) {
                statement.execute("update tag set digest = 'sha256:' || rand(), pushed = rand() * 1e9"
                        + " where id in (select x * 997 + " + change + " from system_range(0, 99))");
            }
            for (int pass = 0; pass < 10; pass++) {
                Thread.sleep(150);
                passes.pass();
            }
            long written = bytesWritten(statement);
            for (int pass = 0; pass < 10; pass++) {
                Thread.sleep(150);
                passes.pass();
            }

            assertThat(bytesWritten(statement) - written).as("bytes written by ten more idle passes").isZero();

        }
    }

    private static long bytesWritten(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "select setting_value from information_schema.settings where setting_name = 'info.FILE_WRITE_BYTES'")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Rounds of commits; between them, past the retention time, the housekeeping's passes (or none). */
    private long fileSizeAfterCommits(String name, boolean housekeeping) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=200");
        EmbeddedH2Housekeeping passes = new EmbeddedH2Housekeeping(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table tag (id bigint auto_increment primary key, name varchar(64) unique,"
                        + " digest varchar(80))");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into tag (name, digest) values (?, ?)")) {
                for (int round = 0; round < ROUNDS; round++) {
                    for (int i = 0; i < COMMITS_PER_ROUND; i++) {
                        insert.setString(1, "v" + round + "-" + i);
                        insert.setString(2, "sha256:" + Integer.toHexString(i).repeat(8));
                        insert.executeUpdate();
                    }
                    Thread.sleep(300);
                    for (int pass = 0; housekeeping && pass < 3; pass++) {
                        passes.pass();
                    }
                }
            }
            return Files.size(folder.resolve(name + ".mv.db"));
        }
    }
}
