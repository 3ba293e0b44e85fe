package io.wharf.index.webhook;

import io.wharf.contract.image.ImageMediaTypes;
import io.wharf.index.account.PublicUrl;
import io.wharf.index.registry.Platform;
import io.wharf.index.repository.DockerCommands;
import io.wharf.index.repository.RepositoryPath;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies of deliveries (docs/index-api.md, "Webhooks"): Wharf's own, or Docker Hub's shape. Made when the
 * delivery is queued and sent as made, so every attempt of a delivery carries the same bytes.
 */
@Component
class WebhookPayloads {

    private final JsonMapper json;
    private final DockerCommands dockerCommands;
    private final PublicUrl publicUrl;

    WebhookPayloads(JsonMapper json, DockerCommands dockerCommands, PublicUrl publicUrl) {
        this.json = json;
        this.dockerCommands = dockerCommands;
        this.publicUrl = publicUrl;
    }

    String body(PayloadFormat format, String deliveryId, RepositoryChange change) {
        return json.writeValueAsString(
                format == PayloadFormat.DOCKER_HUB ? dockerHub(change) : wharf(deliveryId, change));
    }

    private Map<String, Object> wharf(String deliveryId, RepositoryChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deliveryId);
        body.put("event", change.event().wireName());
        body.put("time", change.at().toString());
        body.put("actor", change.actor());
        RepositoryPath path = change.repository();
        body.put("repository", Map.of("name", path.fullName(), "namespace", path.namespace(),
                "url", publicUrl.of("/r/" + path.fullName())));
        body.put("tag", change.tag());
        body.put("digest", change.digest());
        body.put("mediaType", change.mediaType());
        body.put("kind", kind(change.mediaType()));
        body.put("platforms", platforms(change.platforms()));
        body.put("pullCommand", pullCommand(change));
        return body;
    }

    /** Docker Hub's push payload: what receivers written for Docker Hub read (callback_url stays empty). */
    private Map<String, Object> dockerHub(RepositoryChange change) {
        RepositoryPath path = change.repository();
        Map<String, Object> pushData = new LinkedHashMap<>();
        pushData.put("pushed_at", change.at().getEpochSecond());
        pushData.put("pusher", change.actor());
        pushData.put("tag", change.tag());
        pushData.put("images", change.digest() == null ? List.of() : List.of(change.digest()));
        Map<String, Object> repository = new LinkedHashMap<>();
        repository.put("repo_name", path.fullName());
        repository.put("name", path.name());
        repository.put("namespace", path.namespace());
        repository.put("owner", path.namespace());
        repository.put("repo_url", publicUrl.of("/r/" + path.fullName()));
        repository.put("is_official", path.official());
        repository.put("status", "Active");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callback_url", "");
        body.put("push_data", pushData);
        body.put("repository", repository);
        // Docker Hub knows only pushes; the other events say what they are here.
        body.put("wharf_event", change.event().wireName());
        return body;
    }

    /** A ping: the hook's owner and the time, so that a receiver can check the signature and answer. */
    String ping(PayloadFormat format, String deliveryId, Webhook hook, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deliveryId);
        body.put("event", WebhookEvent.PING.wireName());
        body.put("time", at.toString());
        body.put("hook", Map.of("id", hook.id(), "owner", hook.owner()));
        if (format == PayloadFormat.DOCKER_HUB) {
            body.put("wharf_event", WebhookEvent.PING.wireName());
        }
        return json.writeValueAsString(body);
    }

    private String pullCommand(RepositoryChange change) {
        String repository = change.repository().fullName();
        if (change.event() == WebhookEvent.PUSH && change.tag() != null) {
            return dockerCommands.pullTag(repository, change.tag());
        }
        return change.event() == WebhookEvent.PUSH && change.digest() != null
                ? dockerCommands.pullDigest(repository, change.digest())
                : null;
    }

    private static String kind(String mediaType) {
        if (mediaType == null || mediaType.isEmpty()) {
            return null;
        }
        if (ImageMediaTypes.isIndex(mediaType)) {
            return "index";
        }
        return ImageMediaTypes.isManifest(mediaType) ? "image" : "artifact";
    }

    private static List<Map<String, String>> platforms(List<Platform> platforms) {
        return platforms.stream().map(platform -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("os", platform.os());
            entry.put("architecture", platform.architecture());
            if (platform.variant() != null) {
                entry.put("variant", platform.variant());
            }
            return entry;
        }).toList();
    }
}
