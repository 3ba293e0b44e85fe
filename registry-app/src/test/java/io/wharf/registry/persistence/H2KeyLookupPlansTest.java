package io.wharf.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key lookups of a push and of a tag page read the rows they name on the embedded H2, also in a large repository
 * among many one-tag ones: the database the registry opens with its own URL, measured by an ANALYZE before the
 * upgrade and then changed by more rows than H2's automatic ANALYZE waits for.
 */
class H2KeyLookupPlansTest {

    private static final int SMALL_REPOSITORIES = 3_000;
    private static final int LARGE_REPOSITORY_TAGS = 400;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @TempDir
    static Path dataDir;

    private static Connection keepsTheDatabaseOpen;
    private static JdbcClient sql;
    private static long large;

    @BeforeAll
    static void upgradeAMeasuredDatabaseAndKeepPushing() throws SQLException {
        SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(), registryUrl(), "wharf", "");
        keepsTheDatabaseOpen = database.getConnection();
        sql = JdbcClient.create(database);
        TransactionTemplate inOneCommit = new TransactionTemplate(new DataSourceTransactionManager(database));
        migrate(database, "8");
        large = inOneCommit.execute(status -> fill(0, 1, LARGE_REPOSITORY_TAGS));
        inOneCommit.executeWithoutResult(status -> {
            insertReferrer(large, "signature-of-0-7", "m0-7");
            fill(1, SMALL_REPOSITORIES, 1);
        });
        sql.sql("analyze").update();
        migrate(database, "latest");
        inOneCommit.executeWithoutResult(status -> fill(SMALL_REPOSITORIES + 1, SMALL_REPOSITORIES, 1));
    }

    @AfterAll
    static void close() throws SQLException {
        keepsTheDatabaseOpen.close();
    }

    @Test
    void aTagIsFoundByItsPrimaryKey() {
        assertReadsOneRow("select * from tag where repository_id = " + large + " and name = 't7'",
                "PRIMARY_KEY_\\w+: REPOSITORY_ID = [^\\n]*\\s+AND NAME = 't7'");
    }

    @Test
    void aLinkIsTouchedByItsPrimaryKey() {
        assertReadsOneRow("update repository_blob set linked_at = current_timestamp where repository_id = " + large
                + " and digest = '" + digest("0-7") + "'",
                "PRIMARY_KEY_\\w+: REPOSITORY_ID = [^\\n]*\\s+AND DIGEST = ");
    }

    @Test
    void aManifestIsTouchedByItsRepositoryAndDigest() {
        assertReadsOneRow("update manifest set touched_at = current_timestamp where repository_id = " + large
                + " and digest = '" + digest("m0-7") + "'",
                "MANIFEST_REPOSITORY_DIGEST_UNIQUE\\w*: REPOSITORY_ID = [^\\n]*\\s+AND DIGEST = ");
    }

    @Test
    void aPageOfReferrersReadsOnlyTheReferrers() {
        String referrers = "select digest from manifest where repository_id = " + large + " and subject_digest in ('"
                + digest("m0-7") + "', '" + digest("m0-8") + "')";
        assertReadsOneRow(referrers, "MANIFEST_SUBJECT: SUBJECT_DIGEST IN\\(.*\\)\\s+AND REPOSITORY_ID = ");
        assertThat(sql.sql(referrers).query(String.class).list()).containsExactly(digest("signature-of-0-7"));
    }

    private static void assertReadsOneRow(String statement, String indexCondition) {
        String plan = sql.sql("explain analyze " + statement).query(String.class).single();
        assertThat(plan).containsPattern(Pattern.compile("/\\* PUBLIC\\." + indexCondition, Pattern.DOTALL));
        Matcher scanned = SCAN_COUNT.matcher(plan);
        assertThat(scanned.find()).as(plan).isTrue();
        // H2 counts the row it stops at after the last match too.
        assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(2);
    }

    /** The URL the registry opens its embedded database with, pointed at this test's data directory. */
    private static String registryUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        return properties.getProperty("spring.datasource.url").replace("${wharf.data-dir}", dataDir.toString());
    }

    private static void migrate(SimpleDriverDataSource database, String target) {
        Flyway.configure().dataSource(database)
                .locations("classpath:db/migration/registry", "classpath:db/migration/registry-h2")
                .target(target).load().migrate();
    }

    /** Repositories {@code first…} with {@code tags} tags each, every tag on its own manifest and blob; the first id. */
    private static long fill(int first, int repositories, int tags) {
        long firstId = -1;
        for (int r = first; r < first + repositories; r++) {
            sql.sql("insert into repository (name, created_at) values (:name, current_timestamp)")
                    .param("name", "repo-" + r).update();
            long id = sql.sql("select id from repository where name = :name").param("name", "repo-" + r)
                    .query(Long.class).single();
            firstId = r == first ? id : firstId;
            for (int t = 0; t < tags; t++) {
                insertTag(id, r + "-" + t, "t" + t);
            }
        }
        return firstId;
    }

    private static void insertTag(long repositoryId, String key, String tag) {
        sql.sql("insert into blob (digest, size, created_at, touched_at)"
                + " values (:digest, 1, current_timestamp, current_timestamp)").param("digest", digest(key)).update();
        sql.sql("insert into repository_blob (repository_id, digest, linked_at) values (:id, :digest, current_timestamp)")
                .param("id", repositoryId).param("digest", digest(key)).update();
        sql.sql("insert into manifest (repository_id, digest, media_type, size, payload, created_at, touched_at)"
                        + " values (:id, :digest, 'application/vnd.oci.image.manifest.v1+json', 2, X'7b7d',"
                        + " current_timestamp, current_timestamp)")
                .param("id", repositoryId).param("digest", digest("m" + key)).update();
        sql.sql("insert into tag (repository_id, name, manifest_id, updated_at) select :id, :tag, id, current_timestamp"
                        + " from manifest where repository_id = :id and digest = :digest")
                .param("id", repositoryId).param("tag", tag).param("digest", digest("m" + key)).update();
    }

    private static void insertReferrer(long repositoryId, String key, String subjectKey) {
        sql.sql("insert into manifest (repository_id, digest, media_type, subject_digest, size, payload, created_at,"
                        + " touched_at) values (:id, :digest, 'application/vnd.oci.image.manifest.v1+json', :subject,"
                        + " 2, X'7b7d', current_timestamp, current_timestamp)")
                .param("id", repositoryId).param("digest", digest(key)).param("subject", digest(subjectKey)).update();
    }

    private static String digest(String key) {
        return "sha256:" + key;
    }
}
