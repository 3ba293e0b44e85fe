package io.wharf.registry.persistence;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts a row unless it exists, safe under concurrency across threads and replicas: the insert commits
 * on its own, and the loser of a race on the unique key reads the winner's row instead of failing.
 */
@Component
public class FindOrInsert {

    private final TransactionTemplate ownTransaction;

    public FindOrInsert(PlatformTransactionManager transactions) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T apply(Supplier<Optional<T>> find, Supplier<T> insert) {
        return find.get().orElseGet(() -> {
            try {
                return ownTransaction.execute(status -> insert.get());
            } catch (DataIntegrityViolationException raceLost) {
                return find.get().orElseThrow(() -> raceLost);
            }
        });
    }
}
