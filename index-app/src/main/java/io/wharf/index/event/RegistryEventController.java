package io.wharf.index.event;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/events}: the registry's notifications
 * ({@code application/vnd.docker.distribution.events.v1+json}). The body is read raw so that the sender
 * is checked before anything in the body is looked at.
 */
@RestController
public class RegistryEventController {

    public static final String PATH = "/api/events";

    private final EventSenderCheck senderCheck;
    private final RegistryEventReceiver receiver;
    private final JsonMapper json;

    public RegistryEventController(EventSenderCheck senderCheck, RegistryEventReceiver receiver, JsonMapper json) {
        this.senderCheck = senderCheck;
        this.receiver = receiver;
        this.json = json;
    }

    @PostMapping(PATH)
    public RegistryEventReceiver.Receipt receive(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        senderCheck.check(authorization);
        return receiver.receive(EventEnvelope.parse(json, body).events());
    }
}
