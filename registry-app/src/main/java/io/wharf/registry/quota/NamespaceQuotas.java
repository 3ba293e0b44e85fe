package io.wharf.registry.quota;

import io.wharf.registry.blob.Blobs;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Storage quotas per namespace. A blob counts once per namespace: linking a blob some repository of the namespace
 * already links costs nothing. Checked before a blob is linked; two concurrent pushes may together overshoot a
 * quota by at most their own sizes.
 */
@Service
public class NamespaceQuotas {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private final Blobs blobs;
    private final QuotaProperties properties;

    public NamespaceQuotas(Blobs blobs, QuotaProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
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
                    + " used, blob of " + readable(size) + ")",
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
