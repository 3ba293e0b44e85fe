package io.wharf.index.search;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/search?q=&n=&page=}, Docker Hub's v1 search. The Docker engine asks the registry's host,
 * which forwards here with the client's {@code Authorization}; see {@link SearchRequesters} for how the
 * caller is recognized.
 */
@RestController
public class SearchController {

    public static final String PATH = "/v1/search";

    private final RepositorySearch search;
    private final SearchRequesters requesters;

    public SearchController(RepositorySearch search, SearchRequesters requesters) {
        this.search = search;
        this.requesters = requesters;
    }

    @GetMapping(PATH)
    public SearchResults search(
            @RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(name = "n", defaultValue = "" + RepositorySearch.DEFAULT_PAGE_SIZE) int pageSize,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request) {
        return search.search(requesters.of(request), query, pageSize, page);
    }
}
