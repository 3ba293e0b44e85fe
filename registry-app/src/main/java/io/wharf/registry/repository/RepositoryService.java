package io.wharf.registry.repository;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.persistence.FindOrInsert;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Finds repositories, and creates one the first time something is pushed to it. */
@Service
public class RepositoryService {

    private final ImageRepositories repositories;
    private final FindOrInsert findOrInsert;
    private final Clock clock;

    public RepositoryService(ImageRepositories repositories, FindOrInsert findOrInsert, Clock clock) {
        this.repositories = repositories;
        this.findOrInsert = findOrInsert;
        this.clock = clock;
    }

    public Optional<ImageRepository> find(RepositoryName name) {
        return repositories.findByName(name.value());
    }

    /** The repository, or NAME_UNKNOWN: for reads, which never create anything. */
    public ImageRepository require(RepositoryName name) {
        return find(name).orElseThrow(() -> nameUnknown(name));
    }

    public static RegistryException nameUnknown(RepositoryName name) {
        return new RegistryException(ErrorCode.NAME_UNKNOWN, "repository name not known to registry: " + name);
    }

    /** The repository, created on the first push to it. */
    public ImageRepository findOrCreate(RepositoryName name) {
        return findOrInsert.apply(() -> find(name),
                () -> repositories.insert(name.value(), clock.instant()));
    }

    /**
     * What to report when a write into {@code repository} broke a constraint or found its row gone: a push racing a
     * {@link RepositoryDeletion} finds its rows' foreign keys pointing at a repository that is gone, which the client
     * hears as NAME_UNKNOWN (pushing again creates the repository afresh); otherwise the failure itself.
     */
    public RuntimeException explainConstraintFailure(ImageRepository repository, RuntimeException failure) {
        return repositories.existsById(repository.id()) ? failure : deletedMeanwhile(repository.name());
    }

    /** NAME_UNKNOWN for a push that the deletion of its repository overtook. */
    public static RegistryException deletedMeanwhile(String name) {
        return new RegistryException(ErrorCode.NAME_UNKNOWN,
                "repository " + name + " was deleted while this push was in progress; push again to create it anew");
    }

    /** Repository names in lexical order after {@code last}, at most {@code limit} of them. */
    public List<String> namesAfter(String last, int limit) {
        return repositories.namesAfter(last == null ? "" : last, limit);
    }
}
