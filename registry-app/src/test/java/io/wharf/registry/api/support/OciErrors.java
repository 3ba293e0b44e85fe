package io.wharf.registry.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on the spec's error answers: the status, and a JSON body {@code {"errors":[{"code":...}]}} whose codes
 * come from the spec's table ("The code field MUST be one of the following").
 */
public final class OciErrors {

    /** The error codes of the distribution spec's table (code-1 .. code-14). */
    public static final Set<String> SPEC_CODES = Set.of("BLOB_UNKNOWN", "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN",
            "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN", "MANIFEST_INVALID", "MANIFEST_UNKNOWN", "NAME_INVALID",
            "NAME_UNKNOWN", "SIZE_INVALID", "UNAUTHORIZED", "DENIED", "UNSUPPORTED", "TOOMANYREQUESTS");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OciErrors() {
    }

    /** The status, and an error body whose first code is {@code code}. */
    public static void assertError(Response response, int status, String code) {
        assertError(status, code, response.statusCode(), response.contentType(), response.asByteArray(),
                describe(response));
    }

    public static void assertError(RawHttp.Response response, int status, String code) {
        assertError(status, code, response.status(), response.header("Content-Type"), response.body(),
                response.status() + " " + response.headers() + " " + response.bodyText());
    }

    /**
     * The status, and (when the body is JSON, which the spec leaves optional, e.g. for HEAD or 416) codes from
     * the spec's table only.
     */
    public static void assertErrorStatus(Response response, int status) {
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
        byte[] body = response.asByteArray();
        if (body.length > 0 && response.contentType() != null && response.contentType().contains("json")) {
            assertThat(SPEC_CODES).as("error codes must come from the spec's table: " + describe(response))
                    .containsAll(codes(body));
        }
    }

    /** The codes of an error body, in order. */
    public static List<String> codes(byte[] body) {
        JsonNode errors = JSON.readTree(body).path("errors");
        assertThat(errors.isArray()).as("an errors array in " + new String(body)).isTrue();
        List<String> codes = new ArrayList<>();
        errors.forEach(error -> codes.add(error.path("code").asString()));
        return codes;
    }

    private static void assertError(int status, String code, int actualStatus, String contentType, byte[] body,
            String description) {
        assertThat(actualStatus).as("status of " + description).isEqualTo(status);
        assertThat(contentType).as("content type of " + description).startsWith("application/json");
        List<String> codes = codes(body);
        assertThat(codes).as("error codes of " + description).isNotEmpty();
        assertThat(codes.get(0)).as("error code of " + description).isEqualTo(code);
        assertThat(SPEC_CODES).as("error codes must come from the spec's table: " + description)
                .containsAll(codes);
    }

    public static String describe(Response response) {
        return response.statusLine() + " " + response.headers().asList() + " " + response.asString();
    }
}
