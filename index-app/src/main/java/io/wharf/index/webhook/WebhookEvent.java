package io.wharf.index.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a hook may be told about; each hook chooses. Its {@code name} is the API's and the payload's word. */
public enum WebhookEvent {
    /** A tag was pushed (it now points at a digest). */
    PUSH("push"),
    TAG_DELETE("tag_delete"),
    /** A manifest and every tag on it were deleted. */
    MANIFEST_DELETE("manifest_delete"),
    REPOSITORY_DELETE("repository_delete"),
    PULL("pull"),
    /** The "send test event" button's; never chosen, always sent when asked for. */
    PING("ping");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEvent> parse(String wireName) {
        return Arrays.stream(values()).filter(event -> event.wireName.equals(wireName)).findFirst();
    }
}
