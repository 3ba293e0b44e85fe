package io.wharf.index.search;

import io.wharf.index.error.ApiException;
import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.proxycache.PullThroughCacheAdministration.CacheMark;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.Stars;
import io.wharf.index.requester.Requester;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
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
        // A page past any real one still reads as empty: the offset stays within what the database takes.
        int pageIndex = Math.min(page - 1, Integer.MAX_VALUE / size - 1);
        Page<ImageRepository> found = repositories.search(requester, text, PageRequest.of(pageIndex, size));
        Map<Long, Long> starCounts = stars.countsOf(found.map(ImageRepository::id).toList());
        Map<String, CacheMark> cacheMarks = caches.marks();
        List<SearchResults.Result> results = found.map(repository -> SearchResults.Result.of(repository.path(),
                repository.shortDescription(), starCounts.getOrDefault(repository.id(), 0L),
                cacheMarks.get(repository.namespace()))).toList();
        return new SearchResults(query, (int) found.getTotalElements(), found.getTotalPages(), page, size, results);
    }
}
