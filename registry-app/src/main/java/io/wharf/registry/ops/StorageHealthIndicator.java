package io.wharf.registry.ops;

import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code storage} in {@code /actuator/health} and in the readiness group: whether the storage driver answers.
 * Lists the root (a few top-level entries: {@code blobs}, {@code uploads}); an empty store answers "not found",
 * which still proves the backend (disk or bucket) is reachable.
 */
@Component
class StorageHealthIndicator implements HealthIndicator {

    private final StorageDriver storage;

    StorageHealthIndicator(StorageDriver storage) {
        this.storage = storage;
    }

    @Override
    public Health health() {
        try {
            storage.list("/");
        } catch (PathNotFoundException empty) {
            // nothing stored yet: reachable all the same
        } catch (Exception unreachable) {
            return Health.down(unreachable).withDetail("driver", storage.name()).build();
        }
        return Health.up().withDetail("driver", storage.name()).build();
    }
}
