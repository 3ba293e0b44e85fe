package io.wharf.index.ui.repository;

import io.wharf.index.repository.RepositoryView;
import java.util.List;
import org.springframework.stereotype.Component;

/** Makes the {@link RepositoryCard}s of the pages that list repositories: explore, namespaces, home, dashboard. */
@Component
public class RepositoryCards {

    private final PageFormats formats;

    RepositoryCards(PageFormats formats) {
        this.formats = formats;
    }

    public List<RepositoryCard> of(List<RepositoryView> repositories) {
        return repositories.stream().map(repository -> RepositoryCard.of(repository, formats)).toList();
    }
}
