package io.wharf.index.search;

import io.wharf.index.error.ApiException;
import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.proxycache.PullThroughCacheAdministration.CacheMark;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.Stars;
import io.wharf.index.repository.Visibility;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.UserRequester;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code docker search}: the repositories the requester may pull whose name or short description
 * contains the query, best matches first: the exact name (full, or the part after the namespace), then
 * names starting with the query, then other matches; within each, most stars first, then by name. Matching and
 * ranking run over the {@link SearchIndex}; the database says which private repositories a user may pull, and gives
 * the page's rows.
 */
@Service
@Transactional(readOnly = true)
public class RepositorySearch {

    /** What {@code docker search} asks for without {@code --limit}. */
    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;

    /** Private matches asked about by id; above this, the user's private repositories are read along their index. */
    private static final int MAX_PRIVATE_ASKED = 1000;

    private final SearchIndex index;
    private final ImageRepositories repositories;
    private final Stars stars;
    private final PullThroughCacheAdministration caches;

    public RepositorySearch(SearchIndex index, ImageRepositories repositories, Stars stars,
            PullThroughCacheAdministration caches) {
        this.index = index;
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
        String text = ListedRepository.lower(query.trim());
        List<ListedRepository> matching = visible(requester, index.matching(text));
        List<ListedRepository> shown = page(matching, text, (long) (page - 1) * size, size);
        List<ImageRepository> rows = freshRows(requester, shown);
        Map<Long, Long> starCounts = stars.countsOf(rows.stream().map(ImageRepository::id).toList());
        Map<String, CacheMark> cacheMarks = caches.marks();
        List<SearchResults.Result> results = rows.stream().map(repository -> SearchResults.Result.of(
                repository.path(), repository.shortDescription(), starCounts.getOrDefault(repository.id(), 0L),
                cacheMarks.get(repository.namespace()))).toList();
        int total = matching.size();
        return new SearchResults(query, total, (total + size - 1) / size, page, size, results);
    }

    /** The page of {@code matching}, best matches of {@code text} first; only as many as it reaches are sorted. */
    private static List<ListedRepository> page(List<ListedRepository> matching, String text, long skipped, int size) {
        if (skipped >= matching.size()) {
            return List.of();
        }
        int reached = (int) Math.min(skipped + size, matching.size());
        Comparator<Ranked> order = Comparator.comparingInt(Ranked::rank)
                .thenComparing(Ranked::repository, ListedRepository.BY_STARS_THEN_NAME);
        // The best ones, worst on top, to be pushed out by a better one.
        PriorityQueue<Ranked> best = new PriorityQueue<>(reached + 1, order.reversed());
        for (ListedRepository repository : matching) {
            Ranked ranked = new Ranked(repository.rank(text), repository);
            if (best.size() < reached) {
                best.add(ranked);
            } else if (order.compare(ranked, best.peek()) < 0) {
                best.poll();
                best.add(ranked);
            }
        }
        List<Ranked> first = new ArrayList<>(best);
        first.sort(order);
        return first.subList((int) skipped, reached).stream().map(Ranked::repository).toList();
    }

    private record Ranked(int rank, ListedRepository repository) {
    }

    /** The matches the requester may pull: public ones, and private ones the database grants them. */
    private List<ListedRepository> visible(Requester requester, List<ListedRepository> matching) {
        if (requester instanceof UserRequester user && user.administrator()) {
            return matching;
        }
        List<Long> privateIds = matching.stream().filter(repository -> !repository.isPublic())
                .map(ListedRepository::id).toList();
        if (privateIds.isEmpty()) {
            return matching;
        }
        Set<Long> granted = !(requester instanceof UserRequester) ? Set.of()
                : privateIds.size() <= MAX_PRIVATE_ASKED ? repositories.visibleAmong(requester, privateIds)
                : repositories.visiblePrivate(requester);
        return matching.stream().filter(repository -> repository.isPublic() || granted.contains(repository.id()))
                .toList();
    }

    /**
     * The page's rows as the database has them now, in the page's order: one deleted since the snapshot is left out,
     * and so is one no longer public, unless the requester may pull it still.
     */
    private List<ImageRepository> freshRows(Requester requester, List<ListedRepository> shown) {
        Map<Long, ImageRepository> rows = new HashMap<>();
        repositories.findAllById(shown.stream().map(ListedRepository::id).toList())
                .forEach(repository -> rows.put(repository.id(), repository));
        Set<Long> turnedPrivate = rows.values().stream()
                .filter(repository -> repository.visibility() != Visibility.PUBLIC).map(ImageRepository::id)
                .collect(Collectors.toSet());
        Set<Long> stillGranted = repositories.visibleAmong(requester, turnedPrivate);
        return shown.stream().map(listed -> rows.get(listed.id()))
                .filter(row -> row != null
                        && (row.visibility() == Visibility.PUBLIC || stillGranted.contains(row.id())))
                .toList();
    }
}
