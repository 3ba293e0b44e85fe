package io.wharf.index.anonymouspages;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** What the kept pages may hold: their bytes are bounded, as they live on the index's heap. */
class AnonymousPageCacheTest {

    private final AtomicInteger rendered = new AtomicInteger();
    private final AnonymousPageCache cache = new AnonymousPageCache(Duration.ofMinutes(1), DataSize.ofKilobytes(10));

    @Test
    void aPageIsKeptAndAnsweredAgainWithoutRendering() throws Exception {
        assertThat(visit("/r/acme/app", 4000).getContentAsByteArray()).hasSize(4000);
        MockHttpServletResponse kept = visit("/r/acme/app", 4000);

        assertThat(rendered).hasValue(1);
        assertThat(kept.getContentAsByteArray()).hasSize(4000);
        assertThat(kept.getContentType()).isEqualTo("text/html;charset=UTF-8");
    }

    @Test
    void pagesBeyondTheBoundInBytesAreNotAllKept() throws Exception {
        visit("/r/acme/one", 6000);
        visit("/r/acme/two", 6000);
        visit("/r/acme/one", 6000);
        visit("/r/acme/two", 6000);

        // Together they exceed 10 KB: one of them was rendered again.
        assertThat(rendered).hasValue(3);
    }

    @Test
    void aPageLargerThanTheBoundIsNeverKept() throws Exception {
        visit("/explore", 20_000);
        visit("/explore", 20_000);

        assertThat(rendered).hasValue(2);
    }

    private MockHttpServletResponse visit(String path, int bytes) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain page = (req, res) -> {
            rendered.incrementAndGet();
            res.setContentType("text/html;charset=UTF-8");
            res.getOutputStream().write(new byte[bytes]);
        };
        cache.doFilter(request, response, page);
        return response;
    }
}
