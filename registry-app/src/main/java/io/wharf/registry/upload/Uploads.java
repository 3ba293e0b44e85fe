package io.wharf.registry.upload;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code upload} table. Its {@code append_lease_until} and {@code append_lease_owner} are set only by the
 * conditional updates here: which request may append now, and until when.
 */
@Repository
public class Uploads {

    private final JdbcClient jdbc;

    Uploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a session started (and so last active) at {@code at}. */
    public Upload insert(Upload upload, Instant at) {
        jdbc.sql("insert into upload (id, repository_name, started_at, updated_at) values (:id, :repository, :at, :at)")
                .param("id", upload.id())
                .param("repository", upload.repositoryName())
                .param("at", utc(at))
                .update();
        return upload;
    }

    /**
     * Inserts a session started at {@code at} whose append lease {@code owner} holds until {@code until}: a session
     * that one request creates and fills at once, in one statement instead of an insert and a {@link #takeLease}.
     */
    public void insertLeased(Upload upload, Instant at, String owner, Instant until) {
        jdbc.sql("""
                        insert into upload (id, repository_name, started_at, updated_at, append_lease_until,
                                            append_lease_owner)
                        values (:id, :repository, :at, :at, :until, :owner)""")
                .param("id", upload.id())
                .param("repository", upload.repositoryName())
                .param("at", utc(at))
                .param("until", utc(until))
                .param("owner", owner)
                .update();
    }

    public Optional<Upload> findById(String id) {
        return jdbc.sql("select " + Upload.COLUMNS + " from upload where id = :id")
                .param("id", id)
                .query(Upload.ROW).optional();
    }

    public boolean existsById(String id) {
        return jdbc.sql("select count(*) from upload where id = :id")
                .param("id", id)
                .query(Long.class).single() > 0;
    }

    /** The sessions not active since {@code cutoff}. */
    public List<Upload> idleSince(Instant cutoff) {
        return jdbc.sql("select " + Upload.COLUMNS + " from upload where updated_at < :cutoff")
                .param("cutoff", utc(cutoff))
                .query(Upload.ROW).list();
    }

    public long countIdleSince(Instant cutoff) {
        return jdbc.sql("select count(*) from upload where updated_at < :cutoff")
                .param("cutoff", utc(cutoff))
                .query(Long.class).single();
    }

    public List<Upload> ofRepository(String repositoryName) {
        return jdbc.sql("select " + Upload.COLUMNS + " from upload where repository_name = :repository")
                .param("repository", repositoryName)
                .query(Upload.ROW).list();
    }

    /** Ends the session; 0 when a concurrent request (completion, expiry, repository deletion) ended it first. */
    public int end(String id) {
        return jdbc.sql("delete from upload where id = :id").param("id", id).update();
    }

    /** Marks the session active; 0 when it has ended (deleted with its repository, or expired). */
    public int touch(String id, Instant at) {
        return jdbc.sql("update upload set updated_at = :at where id = :id")
                .param("at", utc(at))
                .param("id", id)
                .update();
    }

    /**
     * Takes the append lease of a session of this repository that nobody holds (or whose holder's lease ran out),
     * and marks it active, in one statement; 1 when taken. 0 when the session is unknown, ended, of another
     * repository, or leased elsewhere (the caller tells these apart only then: a chunk costs one round trip here).
     */
    public int takeLease(String id, String repository, String owner, Instant now, Instant until) {
        return jdbc.sql("""
                        update upload set append_lease_until = :until, append_lease_owner = :owner, updated_at = :now
                        where id = :id and repository_name = :repository
                        and (append_lease_until is null or append_lease_until < :now)""")
                .param("until", utc(until))
                .param("owner", owner)
                .param("now", utc(now))
                .param("id", id)
                .param("repository", repository)
                .update();
    }

    /** Extends a lease this holder still has; 0 when it ran out and someone else took it. */
    public int renewLease(String id, String owner, Instant until) {
        return jdbc.sql("update upload set append_lease_until = :until where id = :id and append_lease_owner = :owner")
                .param("until", utc(until))
                .param("id", id)
                .param("owner", owner)
                .update();
    }

    public void releaseLease(String id, String owner) {
        jdbc.sql("""
                        update upload set append_lease_until = null, append_lease_owner = null
                        where id = :id and append_lease_owner = :owner""")
                .param("id", id)
                .param("owner", owner)
                .update();
    }

    /**
     * Releases a lease this holder still has and marks the session active, in one statement; 0 when the session
     * ended or the lease ran out and someone else took it (then {@link #touch} tells which).
     */
    public int releaseLeaseAndTouch(String id, String owner, Instant at) {
        return jdbc.sql("""
                        update upload set append_lease_until = null, append_lease_owner = null, updated_at = :at
                        where id = :id and append_lease_owner = :owner""")
                .param("at", utc(at))
                .param("id", id)
                .param("owner", owner)
                .update();
    }
}
