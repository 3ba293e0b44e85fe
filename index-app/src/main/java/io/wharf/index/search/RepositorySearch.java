package io.wharf.index.search;

import io.wharf.index.error.ApiException;
import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.proxycache.PullThroughCacheAdministration.CacheMark;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.Stars;
import io.wharf.index.requester.Requester;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code docker search}: the repositories the requester may pull whose name or short description
 * contains the query, best matches first: the exact name (full, or the part after the namespace), then
 * names starting with the query, then other matches; within each, most stars first, then by name.
 */
@Service
@Transactional(readOnly = true)
public class RepositorySearch {

    /** What {@code docker search} asks for without {@code --limit}. */
    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;

    private final ImageRepositories repositories;
    private final Stars stars;
    private final PullThroughCacheAdministration caches;

    public RepositorySearch(ImageRepositories repositories, Stars stars, PullThroughCacheAdministration caches) {
        this.repositories = repositories;
        this.stars = stars;
        this.caches = caches;
    }

    /**
     * @param query empty lists every repository the requester may pull
     * @param pageSize capped at {@link #MAX_PAGE_SIZE}
     * @param page 1-based; past the last page the results are empty
     */
    public SearchResults search(Requester requester, String query, int pageSize, int page) {
        if (pageSize < 1 || page < 1) {
            throw ApiException.badRequest("n and page must be at least 1");
        }
        int size = Math.min(pageSize, MAX_PAGE_SIZE);
        String text = query.trim().toLowerCase(Locale.ROOT);
        List<ImageRepository> matches = repositories.findVisible(requester, text);
        Map<Long, Long> starCounts = stars.counts();
        Map<String, CacheMark> cacheMarks = caches.marks();
        List<SearchResults.Result> ranked = matches.stream()
                .sorted(Comparator.<ImageRepository>comparingInt(repository -> rank(repository, text))
                        .thenComparing(repository -> starCounts.getOrDefault(repository.id(), 0L), Comparator.reverseOrder())
                        .thenComparing(repository -> repository.path().fullName()))
                .map(repository -> SearchResults.Result.of(repository.path(), repository.shortDescription(),
                        starCounts.getOrDefault(repository.id(), 0L), cacheMarks.get(repository.namespace())))
                .toList();
        List<SearchResults.Result> pageOfResults = ranked.stream()
                .skip((long) (page - 1) * size)
                .limit(size)
                .toList();
        int pages = (ranked.size() + size - 1) / size;
        return new SearchResults(query, ranked.size(), pages, page, size, pageOfResults);
    }

    /** 0 for the exact name, 1 for a name that starts with the query, 2 for any other match. */
    private static int rank(ImageRepository repository, String text) {
        String fullName = repository.path().fullName();
        String name = repository.path().name();
        if (text.equals(fullName) || text.equals(name)) {
            return 0;
        }
        return fullName.startsWith(text) || name.startsWith(text) ? 1 : 2;
    }
}
