package io.wharf.registry.events;

import io.wharf.contract.auth.TokenClaims;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts manifest pulls per repository in memory and reports them as one pull event per repository at each
 * {@code pull-report-interval}, so a pull costs an increment rather than a database write. Counts are
 * statistics: the few seconds' worth not yet reported when a process dies are lost, by design.
 */
@Component
public class PullCounter {

    private static final Logger log = LoggerFactory.getLogger(PullCounter.class);

    private final Map<String, LongAdder> pulls = new ConcurrentHashMap<>();
    private final RegistryEvents events;

    PullCounter(RegistryEvents events) {
        this.events = events;
    }

    /** Counts a manifest GET by {@code requester} (a token's subject); the index's own reads are not pulls. */
    public void manifestPulled(String repository, String requester) {
        if (TokenClaims.INDEX_SUBJECT.equals(requester)) {
            return;
        }
        pulls.computeIfAbsent(repository, name -> new LongAdder()).increment();
    }

    @Scheduled(fixedDelayString = "${wharf.registry.events.pull-report-interval}")
    void report() {
        for (String repository : pulls.keySet()) {
            LongAdder counter = pulls.remove(repository);
            long count = counter == null ? 0 : counter.sum();
            if (count == 0) {
                continue;
            }
            try {
                events.pulled(repository, count);
            } catch (RuntimeException failed) {
                // Keep the count for the next report rather than drop it.
                pulls.computeIfAbsent(repository, name -> new LongAdder()).add(count);
                log.warn("could not record {} pulls of {}: {}", count, repository, failed.toString());
            }
        }
    }
}
