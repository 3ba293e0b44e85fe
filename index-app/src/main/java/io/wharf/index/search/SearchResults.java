package io.wharf.index.search;

import com.fasterxml.jackson.annotation.JsonProperty;
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
     * Wharf has no automated builds.
     */
    public record Result(
            String name,
            String description,
            @JsonProperty("star_count") long starCount,
            @JsonProperty("is_official") boolean official,
            @JsonProperty("is_automated") boolean automated) {

        static Result of(RepositoryPath path, String description, long starCount) {
            return new Result(path.fullName(), description, starCount, path.official(), false);
        }
    }
}
