package io.wharf.registry.deletion;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.events.RegistryEvents;
import io.wharf.registry.persistence.LockConflicts;
import io.wharf.registry.repository.ImageRepositories;
import io.wharf.registry.repository.ImageRepository;
import io.wharf.registry.repository.RepositoryService;
import io.wharf.registry.upload.UploadService;
import java.io.IOException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a whole repository: its upload sessions (with their data), then in one transaction its row (the
 * database cascades to tags, manifests, their references and blob links) and the repository-delete event. Blob
 * content stays until garbage collection finds nothing else needs it.
 */
@Service
public class RepositoryDeletion {

    private final RepositoryService repositories;
    private final ImageRepositories rows;
    private final UploadService uploads;
    private final RegistryEvents events;
    private final TransactionTemplate transaction;

    public RepositoryDeletion(RepositoryService repositories, ImageRepositories rows, UploadService uploads,
            RegistryEvents events, PlatformTransactionManager transactions) {
        this.repositories = repositories;
        this.rows = rows;
        this.uploads = uploads;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Deletes {@code name}, or NAME_UNKNOWN. */
    public void delete(RepositoryName name) throws IOException {
        ImageRepository repository = repositories.require(name);
        uploads.cancelAll(name);
        // The cascade locks the repository's rows; a push linking a blob meanwhile may deadlock with it.
        LockConflicts.retry(() -> transaction.executeWithoutResult(status -> {
            if (rows.deleteRepository(repository.id()) == 0) {
                // A concurrent delete won: one deletion, one event.
                throw RepositoryService.nameUnknown(name);
            }
            events.repositoryDeleted(name.value());
        }));
    }
}
