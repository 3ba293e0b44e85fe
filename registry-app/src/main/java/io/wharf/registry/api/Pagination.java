package io.wharf.registry.api;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.paging.NamePage;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

/** The {@code n} and {@code last} parameters of tag and catalog listings, and their {@code Link} header. */
final class Pagination {

    /** Page size when the client names none, and the most a client may ask for. */
    static final int MAX_PAGE_SIZE = 1000;

    private Pagination() {
    }

    static int pageSize(RegistryRequest request) {
        String n = request.parameter("n");
        if (n == null || n.isEmpty()) {
            return MAX_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(n);
            if (size < 0) {
                throw new NumberFormatException(n);
            }
            return Math.min(size, MAX_PAGE_SIZE);
        } catch (NumberFormatException notANumber) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, HttpStatus.BAD_REQUEST,
                    "n must be a non-negative integer: " + n, null);
        }
    }

    /** Announces the next page, RFC 5988 style, when names follow this page. */
    static void linkNext(String path, NamePage page, int pageSize, HttpServletResponse response) {
        if (page.more()) {
            response.setHeader(HttpHeaders.LINK, "<" + path + "?n=" + pageSize + "&last="
                    + UriUtils.encodeQueryParam(page.lastName(), StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
    }
}
