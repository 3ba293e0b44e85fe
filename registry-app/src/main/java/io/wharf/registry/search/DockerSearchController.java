package io.wharf.registry.search;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.OciErrorBody;
import io.wharf.registry.http.PlainHttp;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two v1 endpoints {@code docker search <registry>/<term>} calls on the registry's own host. Not behind the
 * /v2 access guard: the index answers the search and decides what the caller may see.
 */
@RestController
class DockerSearchController {

    private static final Logger log = LoggerFactory.getLogger(DockerSearchController.class);

    private final IndexSearch index;

    DockerSearchController(IndexSearch index) {
        this.index = index;
    }

    /**
     * The engine's check that a v1 endpoint is there. Standalone {@code false}: an index stands behind this
     * registry (engines read the header first, older ones the body, so both say it).
     */
    @GetMapping("/v1/_ping")
    ResponseEntity<Map<String, Boolean>> ping() {
        return ResponseEntity.ok().header("X-Docker-Registry-Standalone", "false")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("standalone", false));
    }

    @GetMapping("/v1/search")
    ResponseEntity<byte[]> search(HttpServletRequest request) throws IndexSearch.UnavailableException {
        PlainHttp.Answer answer = index.search(request.getQueryString(),
                request.getHeader(HttpHeaders.AUTHORIZATION));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        return response.body(answer.body());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> indexUnavailable(IndexSearch.UnavailableException unavailable) {
        log.warn("search failed: {}", unavailable.getCause().toString());
        return OciErrorBody.answer(HttpStatus.SERVICE_UNAVAILABLE.value(), ErrorCode.UNAVAILABLE.name(),
                "search is unavailable: " + unavailable.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> malformedQuery(IllegalArgumentException malformed) {
        return OciErrorBody.answer(HttpStatus.BAD_REQUEST.value(), ErrorCode.UNSUPPORTED.name(),
                "malformed query string: percent-encode q, n and page", null);
    }
}
