package io.wharf.index.anonymouspages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wharf.index.event.RegistryEventController;
import io.wharf.index.event.RepositoryContentsChanged;
import io.wharf.index.security.RequesterAuthentication;
import io.wharf.index.token.DockerTokenController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Keeps the answers every anonymous visitor gets alike (explore, search, a repository's pages, {@code docker
 * search}) for a short time, so that a busy public index does not query and render them again for each visitor.
 * Kept only: a GET without credentials or session (so without flash messages), answered 200 without starting a
 * session or setting a cookie. Any request that may write (every method but GET, HEAD and OPTIONS: forms, the API;
 * not the token endpoint) drops them all once it is answered, and so do the registry's events of a push or a delete
 * once applied, so a push or a star shows at once. Pull events only move counters: a busy registry sends them every
 * second, and they would leave nothing kept. What changes without such a request (pull counts, background jobs, the
 * "5 minutes ago" of a time) shows after at most the time to live. Runs after Spring Security, which has recognized
 * the caller and writes its headers on every answer, kept or not.
 */
final class AnonymousPageCache extends OncePerRequestFilter {

    /** The paths whose anonymous answers depend only on their address and the database's content. */
    private static final Set<String> PATHS = Set.of("/explore", "/search", "/v1/search");
    private static final String REPOSITORY_PAGES = "/r/";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** Writes that leave the pages as they are: a token issued, and events (which say when to drop the pages). */
    private static final Set<String> WRITES_KEEPING_PAGES = Set.of(DockerTokenController.PATH,
            RegistryEventController.PATH);

    private record Page(byte[] body, String contentType, String contentLanguage) {
    }

    private final Cache<String, Page> pages;
    /** Counts the writes answered, so that a page rendered while one ran is not kept after it. */
    private final AtomicLong writes = new AtomicLong();

    /**
     * Bounded by bytes, not by pages: a repository's page of tags is some 40 KB, and a thousand of them kept (random
     * visits, crawlers) held nearly a third of the index's heap, which then spent its time in full collections. The
     * bound's upkeep runs on the thread that keeps a page, so that a page over it is gone once that request ends.
     */
    AnonymousPageCache(Duration timeToLive, DataSize maximumBytes) {
        this.pages = Caffeine.newBuilder().expireAfterWrite(timeToLive)
                .maximumWeight(maximumBytes.toBytes())
                .weigher((String key, Page page) -> key.length() + page.body().length)
                .executor(Runnable::run)
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!READS.contains(request.getMethod()) && !WRITES_KEEPING_PAGES.contains(pathOf(request))) {
            try {
                chain.doFilter(request, response);
            } finally {
                forgetAll();
            }
            return;
        }
        Optional<String> address = isAnonymousPageRequest(request) ? keyOf(request) : Optional.empty();
        if (address.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String key = address.get();
        Page kept = pages.getIfPresent(key);
        if (kept != null) {
            response.setContentType(kept.contentType());
            if (kept.contentLanguage() != null) {
                response.setHeader(HttpHeaders.CONTENT_LANGUAGE, kept.contentLanguage());
            }
            response.setContentLength(kept.body().length);
            response.getOutputStream().write(kept.body());
            return;
        }
        long writesBefore = writes.get();
        ContentCachingResponseWrapper rendered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, rendered);
        if (rendered.getStatus() == HttpServletResponse.SC_OK && request.getSession(false) == null
                && !rendered.containsHeader(HttpHeaders.SET_COOKIE) && writes.get() == writesBefore) {
            pages.put(key, new Page(rendered.getContentAsByteArray(), rendered.getContentType(),
                    rendered.getHeader(HttpHeaders.CONTENT_LANGUAGE)));
            // A write answered meanwhile may have dropped the pages just before this one was put.
            if (writes.get() != writesBefore) {
                pages.invalidate(key);
            }
        }
        rendered.copyBodyToResponse();
    }

    @EventListener(RepositoryContentsChanged.class)
    void forgetAll() {
        writes.incrementAndGet();
        pages.invalidateAll();
    }

    private static boolean isAnonymousPageRequest(HttpServletRequest request) {
        String path = pathOf(request);
        return "GET".equals(request.getMethod())
                && (PATHS.contains(path) || path.startsWith(REPOSITORY_PAGES))
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getSession(false) == null
                && !(SecurityContextHolder.getContext().getAuthentication() instanceof RequesterAuthentication);
    }

    /**
     * The path (which holds no "?") and the raw query: one key per address. The parameters are not parsed here: a
     * malformed query fails its parsing once, and Spring MVC must see that failure to answer it. A request with
     * parameters but no query (only an in-process one can be such) is not kept.
     */
    private static Optional<String> keyOf(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null && request.getParameterNames().hasMoreElements()) {
            return Optional.empty();
        }
        return Optional.of(pathOf(request) + '?' + (query == null ? "" : query));
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
