package io.wharf.registry.events;

import io.wharf.contract.image.ImageConfig;
import io.wharf.contract.image.Platform;
import io.wharf.registry.blob.BlobStore;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform an image's config blob names ({@link ImageConfig#platformOf}), read at an image's push, at most once
 * per config digest among the last 1024: the config is verified, immutable content that must exist before its
 * manifest is accepted, and small. A config that is missing or malformed gives no platform, never a failed push: the
 * platform only decorates the event.
 */
@Component
class ImageConfigPlatform {

    /** An image pushed under several tags (1.2.3, 1.2, latest), or pushed again, is read once. */
    private static final int REMEMBERED_CONFIGS = 1024;
    private static final Logger log = LoggerFactory.getLogger(ImageConfigPlatform.class);

    private final BlobStore blobs;
    private final JsonMapper json;
    private final Map<String, Optional<Platform>> remembered = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<Platform>> eldest) {
                    return size() > REMEMBERED_CONFIGS;
                }
            });

    ImageConfigPlatform(BlobStore blobs, JsonMapper json) {
        this.blobs = blobs;
        this.json = json;
    }

    /** The platform the image config {@code digest} names. */
    Optional<Platform> of(String digest) {
        Optional<Platform> known = remembered.get(digest);
        if (known != null) {
            return known;
        }
        try (InputStream content = blobs.open(Digest.parse(digest), 0)) {
            Optional<Platform> platform = ImageConfig.platformOf(json.readTree(content.readNBytes(ImageConfig.MAX_BYTES)));
            remembered.put(digest, platform);
            return platform;
        } catch (IOException | JacksonException | RegistryException unreadable) {
            log.warn("No platform for the image with config {}: {}", digest, unreadable.toString());
            return Optional.empty();
        }
    }
}
