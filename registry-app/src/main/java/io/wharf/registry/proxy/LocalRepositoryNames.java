package io.wharf.registry.proxy;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.repository.RepositoryContentChanged;
import io.wharf.registry.repository.RepositoryService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Whether the registry holds a repository of its own under an official name, which then shadows the engine mirror.
 * Asked for every manifest and blob request of a mirror pull, and rarely changing, so each answer is remembered for
 * {@code wharf.registry.proxy.refresh}. A push or deletion through this replica forgets the repository's answer once
 * committed; one through another replica is seen within the refresh interval, as a change of the cache definitions
 * is.
 */
@Component
class LocalRepositoryNames {

    /** Names remembered at most: requests can name any repository. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Answer(boolean exists, long untilNanos) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final RepositoryService repositories;
    private final ProxyProperties properties;
    /** Guarded by this: counts the changes, so that an answer read before one is not kept after it. */
    private long changes;

    LocalRepositoryNames(RepositoryService repositories, ProxyProperties properties) {
        this.repositories = repositories;
        this.properties = properties;
    }

    boolean exists(RepositoryName name) {
        long now = System.nanoTime();
        Answer known = answers.get(name.value());
        if (known != null && now - known.untilNanos() < 0) {
            return known.exists();
        }
        long seen = changesSoFar();
        boolean exists = repositories.find(name).isPresent();
        remember(name.value(), new Answer(exists, now + properties.refresh().toNanos()), seen);
        return exists;
    }

    /**
     * Forgets the repository's answer once the change's transaction ended; a lookup that read before the commit does
     * not keep its answer either ({@link #remember}).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void changed(RepositoryContentChanged change) {
        forget(change.repository());
    }

    private synchronized long changesSoFar() {
        return changes;
    }

    private synchronized void remember(String name, Answer answer, long seen) {
        if (changes != seen) {
            return;
        }
        if (answers.size() >= MAX_REMEMBERED) {
            answers.clear();
        }
        answers.put(name, answer);
    }

    private synchronized void forget(String name) {
        changes++;
        answers.remove(name);
    }
}
