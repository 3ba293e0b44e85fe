package io.wharf.index.ui.search;

import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.repository.PushOrderPage;
import io.wharf.index.repository.PushPosition;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.requester.Requester;
import io.wharf.index.search.RepositorySearch;
import io.wharf.index.search.SearchResults;
import io.wharf.index.ui.repository.RepositoryCards;
import io.wharf.index.ui.site.PageNumbers;
import java.util.List;
import java.util.Optional;
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
    private final RepositoryCards cards;

    public SearchPagesController(RepositorySearch search, RepositoryService repositories,
            PullThroughCacheAdministration caches, RepositoryCards cards) {
        this.search = search;
        this.repositories = repositories;
        this.caches = caches;
        this.cards = cards;
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

    /**
     * A page of explore: the first, or the one after ({@code after}, Next) or before ({@code before}, Previous) a
     * {@link PushPosition} its links carry. An unreadable position is the first page; a page number of the former
     * links past the first shows none and links back, as pages are no longer counted.
     */
    @GetMapping("/explore")
    public String explore(Requester requester, @RequestParam(defaultValue = "") String after,
            @RequestParam(defaultValue = "") String before, @RequestParam(defaultValue = "1") String page,
            Model model) {
        Optional<PushPosition> olderThan = PushPosition.parse(after);
        Optional<PushPosition> newerThan = PushPosition.parse(before);
        boolean formerPageNumber = olderThan.isEmpty() && newerThan.isEmpty() && PageNumbers.parse(page) > 1;
        PushOrderPage<RepositoryView> shown;
        if (olderThan.isPresent()) {
            shown = repositories.recentlyPushedOlderThan(requester, olderThan.get(), PAGE_SIZE);
        } else if (newerThan.isPresent()) {
            shown = repositories.recentlyPushedNewerThan(requester, newerThan.get(), PAGE_SIZE);
        } else if (formerPageNumber) {
            shown = new PushOrderPage<>(List.of(), false, false);
        } else {
            shown = repositories.recentlyPushed(requester, PAGE_SIZE);
        }
        List<RepositoryView> content = shown.content();
        model.addAttribute("repositories", cards.of(content));
        model.addAttribute("pastEnd", content.isEmpty() && (olderThan.isPresent() || formerPageNumber));
        // An empty page after a position (its repositories were deleted) leads back from that same position.
        model.addAttribute("newer", !shown.hasNewer() ? null
                : content.isEmpty() ? olderThan.get().text() : PushPosition.of(content.get(0)).text());
        model.addAttribute("older", shown.hasOlder() ? PushPosition.of(content.get(content.size() - 1)).text() : null);
        model.addAttribute("cacheMarks", caches.marks());
        return "search/explore";
    }
}
