package io.wharf.index.ui.search;

import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.requester.Requester;
import io.wharf.index.search.RepositorySearch;
import io.wharf.index.search.SearchResults;
import io.wharf.index.ui.site.PageNumbers;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /search?q=} (the ranking of {@code docker search}, through {@link RepositorySearch}) and
 * {@code /explore} (every repository the viewer may see, most recently pushed first). Both show private
 * repositories only to those who may pull them, as the services decide.
 */
@Controller
public class SearchPagesController {

    static final int PAGE_SIZE = 25;

    private final RepositorySearch search;
    private final RepositoryService repositories;
    private final PullThroughCacheAdministration caches;

    public SearchPagesController(RepositorySearch search, RepositoryService repositories,
            PullThroughCacheAdministration caches) {
        this.search = search;
        this.repositories = repositories;
        this.caches = caches;
    }

    @GetMapping("/search")
    public String search(Requester requester, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") String page, Model model) {
        String query = q.strip();
        model.addAttribute("query", query);
        if (!query.isEmpty()) {
            SearchResults results = search.search(requester, query, PAGE_SIZE, PageNumbers.parse(page));
            model.addAttribute("results", results);
        }
        return "search/results";
    }

    @GetMapping("/explore")
    public String explore(Requester requester, @RequestParam(defaultValue = "1") String page, Model model) {
        List<RepositoryView> all = repositories.list(requester, null).stream()
                .sorted(Comparator.comparing(RepositoryView::lastPushedAt,
                                Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                        .thenComparing(RepositoryView::name))
                .toList();
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(PageNumbers.parse(page), pages);
        model.addAttribute("repositories", all.subList((current - 1) * PAGE_SIZE, Math.min(all.size(), current * PAGE_SIZE)));
        model.addAttribute("total", all.size());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("cacheMarks", caches.marks());
        return "search/explore";
    }
}
