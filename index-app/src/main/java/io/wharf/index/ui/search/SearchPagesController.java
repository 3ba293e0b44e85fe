package io.wharf.index.ui.search;

import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.requester.Requester;
import io.wharf.index.search.RepositorySearch;
import io.wharf.index.search.SearchResults;
import io.wharf.index.ui.site.PageNumbers;
import org.springframework.data.domain.Slice;
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
        // The offset stays within what the database takes; a page past the last shows none and links back.
        int current = Math.min(PageNumbers.parse(page), Integer.MAX_VALUE / PAGE_SIZE);
        Slice<RepositoryView> shown = repositories.recentlyPushed(requester, current - 1, PAGE_SIZE);
        model.addAttribute("repositories", shown.getContent());
        model.addAttribute("page", current);
        model.addAttribute("hasNext", shown.hasNext());
        model.addAttribute("cacheMarks", caches.marks());
        return "search/explore";
    }
}
