package io.wharf.registry.quota;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.persistence.FindOrInsert;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Storage quotas per namespace. A blob counts once per namespace: linking a blob some repository of the namespace
 * already links costs nothing. Checked twice: early ({@link #checkRoomFor}, before the content is moved into place, so
 * a push far beyond the quota keeps nothing), and authoritatively when the blob is linked ({@link #admit}): the check
 * and the link happen in one transaction holding the namespace's row in {@code namespace_lock}, so concurrent pushes
 * into one namespace, on any replica, are admitted one after another and together never exceed the quota.
 */
@Service
public class NamespaceQuotas {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private final NamespaceBlobs blobs;
    private final QuotaProperties properties;
    private final JdbcClient jdbc;
    private final FindOrInsert findOrInsert;
    private final TransactionTemplate transaction;

    public NamespaceQuotas(NamespaceBlobs blobs, QuotaProperties properties, JdbcClient jdbc, FindOrInsert findOrInsert,
            PlatformTransactionManager transactions) {
        this.blobs = blobs;
        this.properties = properties;
        this.jdbc = jdbc;
        this.findOrInsert = findOrInsert;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Whether {@code repository}'s namespace has a quota: then links into it go through {@link #admit}. */
    public boolean limits(String repository) {
        return properties.quotaOf(namespaceOf(repository)).isPresent();
    }

    /**
     * Runs {@code link}, which makes the blob count in the namespace of {@code repository}, in one transaction with
     * the quota check, holding the namespace's lock row: DENIED (nothing linked) when the blob would take the
     * namespace beyond its quota. {@code link} must join that transaction, not open one of its own (the lock's holder
     * would wait for a second connection while others wait for the lock).
     */
    public void admit(String repository, String digest, long size, Runnable link) {
        String namespace = namespaceOf(repository);
        findOrInsert.apply(
                () -> jdbc.sql("select namespace from namespace_lock where namespace = ?").param(namespace)
                        .query(String.class).optional(),
                () -> {
                    jdbc.sql("insert into namespace_lock (namespace) values (?)").param(namespace).update();
                    return namespace;
                });
        transaction.executeWithoutResult(status -> {
            jdbc.sql("select namespace from namespace_lock where namespace = ? for update").param(namespace)
                    .query(String.class).single();
            checkRoomFor(repository, digest, size);
            link.run();
        });
    }

    /** {@code team} for {@code team/app} and {@code team/sub/app}; a one-segment name is its own namespace. */
    public static String namespaceOf(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    public NamespaceUsage usage(String namespace) {
        return new NamespaceUsage(namespace, used(namespace),
                properties.quotaOf(namespace).map(DataSize::toBytes).orElse(null));
    }

    /** DENIED when linking the blob to {@code repository} would take its namespace beyond its quota. */
    public void checkRoomFor(String repository, String digest, long size) {
        String namespace = namespaceOf(repository);
        Optional<DataSize> quota = properties.quotaOf(namespace);
        if (quota.isEmpty() || blobs.linkedInNamespace(digest, namespace, namespace + "/") > 0) {
            return;
        }
        long used = used(namespace);
        long excess = used + size - quota.get().toBytes();
        if (excess > 0) {
            throw new RegistryException(ErrorCode.DENIED, "quota of " + readable(quota.get().toBytes())
                    + " of namespace " + namespace + " exceeded by " + readable(excess) + " (" + readable(used)
                    + " used, blob of " + readable(size) + "): delete images you no longer need (the space is"
                    + " freed by the next garbage collection) or ask an administrator for a larger quota",
                    Map.of("namespace", namespace, "quotaBytes", quota.get().toBytes(), "usedBytes", used,
                            "blobBytes", size));
        }
    }

    private long used(String namespace) {
        return blobs.namespaceUsage(namespace, namespace + "/");
    }

    static String readable(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
