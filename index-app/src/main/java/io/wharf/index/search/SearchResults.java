package io.wharf.index.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code GET /v1/search}, in the layout the Docker CLI parses (Docker Hub's v1 search). */
public record SearchResults(
        String query,
        @JsonProperty("num_results") int numResults,
        @JsonProperty("num_pages") int numPages,
        int page,
        @JsonProperty("page_size") int pageSize,
        List<Result> results) {

    /** One repository; Wharf has neither official nor automated builds. */
    public record Result(
            String name,
            String description,
            @JsonProperty("star_count") long starCount,
            @JsonProperty("is_official") boolean official,
            @JsonProperty("is_automated") boolean automated) {

        static Result of(String name, String description, long starCount) {
            return new Result(name, description, starCount, false, false);
        }
    }
}
