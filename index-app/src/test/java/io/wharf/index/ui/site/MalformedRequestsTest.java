package io.wharf.index.ui.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The refusals no page of the UI can provoke through MockMvc; the others are in {@link SitePagesTest}. */
class MalformedRequestsTest {

    @Test
    void anUnreadableBodyIsTheClientsMistake() {
        MalformedRequests.Refusal refusal = MalformedRequests.refusal(new HttpMessageNotReadableException(
                "JSON parse error", new MockHttpInputMessage(new byte[0]))).orElseThrow();

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.message()).isEqualTo("The form could not be read.");
    }

    @Test
    void spring4xxRefusalsKeepTheirStatusAndTheIndexsOwnFailuresAreNotRefusals() {
        assertThat(MalformedRequests.refusal(new NoResourceFoundException(HttpMethod.GET, "/x", "x")).orElseThrow().status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(MalformedRequests.refusal(new ConversionNotSupportedException("v", Object.class, null))).isEmpty();
        assertThat(MalformedRequests.refusal(new IllegalStateException("bug"))).isEmpty();
    }
}
