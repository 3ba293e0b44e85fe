package io.wharf.index.event;

import io.wharf.index.error.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The body of a notification: {@code {"events": [...]}}. */
public record EventEnvelope(List<RegistryEvent> events) {

    private static final int MAX_ID_LENGTH = 255;

    /**
     * Reads and checks an envelope: every event needs an id (to apply it once), an action and a target
     * with a repository.
     *
     * @throws ApiException 400 {@code malformed_body} otherwise
     */
    static EventEnvelope parse(JsonMapper json, byte[] body) {
        EventEnvelope envelope;
        try {
            envelope = body == null || body.length == 0 ? null : json.readValue(body, EventEnvelope.class);
        } catch (JacksonException unreadable) {
            // Parser messages name internal classes; the client gets a generic one.
            throw malformed("the body is not a JSON event envelope with valid fields");
        }
        if (envelope == null || envelope.events() == null) {
            throw malformed("the body must be {\"events\": [...]}");
        }
        for (RegistryEvent event : envelope.events()) {
            if (event == null || event.id() == null || event.id().isBlank() || event.id().length() > MAX_ID_LENGTH) {
                throw malformed("every event needs an id of 1 to " + MAX_ID_LENGTH + " characters");
            }
            if (event.action() == null || event.target() == null || event.target().repository() == null) {
                throw malformed("event " + event.id() + " needs an action and a target with a repository");
            }
        }
        return envelope;
    }

    private static ApiException malformed(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed_body", message);
    }
}
