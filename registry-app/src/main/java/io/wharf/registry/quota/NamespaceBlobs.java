package io.wharf.registry.quota;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The questions a namespace's quota asks about the blobs its repositories link ({@code repository_blob}, {@code blob}). */
@Repository
class NamespaceBlobs {

    /** Repository {@code r} is the namespace itself or lies under it; left() avoids LIKE's wildcards in names. */
    private static final String IN_NAMESPACE = "(r.name = :namespace or left(r.name, length(:prefix)) = :prefix)";

    private final JdbcClient jdbc;

    NamespaceBlobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a repository of the namespace ({@code name} itself, or under {@code prefix}) links the blob. */
    long linkedInNamespace(String digest, String namespace, String prefix) {
        return jdbc.sql("select count(*) from repository_blob l join repository r on r.id = l.repository_id"
                        + " where l.digest = :digest and " + IN_NAMESPACE)
                .param("digest", digest)
                .param("namespace", namespace)
                .param("prefix", prefix)
                .query(Long.class).single();
    }

    /** Bytes of the distinct blobs the namespace's repositories link. */
    long namespaceUsage(String namespace, String prefix) {
        return jdbc.sql("select coalesce(sum(b.size), 0) from blob b where exists (select 1 from repository_blob l"
                        + " join repository r on r.id = l.repository_id where l.digest = b.digest and "
                        + IN_NAMESPACE + ")")
                .param("namespace", namespace)
                .param("prefix", prefix)
                .query(Long.class).single();
    }
}
