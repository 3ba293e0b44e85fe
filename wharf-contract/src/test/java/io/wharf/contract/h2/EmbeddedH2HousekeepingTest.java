package io.wharf.contract.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
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

    /** The same stream of small commits, written at once as the apps do, with and without the housekeeping. */
    @Test
    void keepsAFileWrittenAtEveryCommitFromGrowingWithTheCommits() throws Exception {
        long without = fileSizeAfterCommits("plain", false);
        long with = fileSizeAfterCommits("kept", true);

        assertThat(with).as("file size with housekeeping, against %d bytes without", without).isLessThan(without * 3 / 4);
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
