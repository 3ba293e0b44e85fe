package io.wharf.index.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.index.proxycache.PullThroughCacheAdministration.CacheMark;
import io.wharf.index.repository.RepositoryPath;
import java.util.List;

/** The answer of {@code GET /v1/search}, in the layout the Docker CLI parses (Docker Hub's v1 search). */
public record SearchResults(
        String query,
        @JsonProperty("num_results") int numResults,
        @JsonProperty("num_pages") int numPages,
        int page,
        @JsonProperty("page_size") int pageSize,
        List<Result> results) {

    /**
     * One repository. The top-level repositories (namespace {@code library}) are the official ones, as on Docker Hub;
     * Wharf has no automated builds. A pull-through cache's repository has Wharf's extension {@code cache} (its
     * upstream and last revalidation), which the Docker CLI ignores; others leave it out.
     */
    public record Result(
            String name,
            String description,
            @JsonProperty("star_count") long starCount,
            @JsonProperty("is_official") boolean official,
            @JsonProperty("is_automated") boolean automated,
            @JsonInclude(JsonInclude.Include.NON_NULL) CacheMark cache) {

        static Result of(RepositoryPath path, String description, long starCount, CacheMark cache) {
            return new Result(path.fullName(), description, starCount, path.official(), false, cache);
        }
    }
}
