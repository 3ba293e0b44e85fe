package io.wharf.index.image;

import io.wharf.contract.image.ImageSettings;
import io.wharf.index.error.ApiException;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.registry.RegistryClient.FetchedManifest;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Reads manifests and their image configs from the registry for the manifest pages, through the index's registry
 * client. A manifest's content never changes for its digest, so it is kept (the most recently read
 * {@value #CACHED_MANIFESTS}, per repository and digest: a digest only shows in a repository that holds it); its
 * referrers can change and are asked for each time.
 */
@Service
public class ManifestReader {

    static final int CACHED_MANIFESTS = 512;
    /** The OCI digest grammar. */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    private final RegistryClient registry;
    private final RepositoryService repositories;
    private final Map<String, ManifestDetails> cache = new LinkedHashMap<>(CACHED_MANIFESTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ManifestDetails> eldest) {
            return size() > CACHED_MANIFESTS;
        }
    };

    public ManifestReader(RegistryClient registry, RepositoryService repositories) {
        this.registry = registry;
        this.repositories = repositories;
    }

    /** Whether {@code reference} is a digest ({@code sha256:...}) rather than a tag. */
    public static boolean isDigest(String reference) {
        return DIGEST.matcher(reference).matches();
    }

    /**
     * The manifest {@code digest} of the repository with its referrers, for a requester who may see the repository.
     *
     * @throws ApiException 404 when the repository is not visible or does not hold the manifest
     */
    public ManifestDetails read(Requester requester, RepositoryPath path, String digest) {
        repositories.get(requester, path);
        if (!isDigest(digest)) {
            throw ApiException.notFound(digest + " is not a digest such as sha256:0123…");
        }
        String key = path.fullName() + "@" + digest;
        ManifestDetails content;
        synchronized (cache) {
            content = cache.get(key);
        }
        if (content == null) {
            content = fetch(path, digest);
            synchronized (cache) {
                cache.put(key, content);
            }
        }
        return content.withReferrers(registry.referrers(path.fullName(), digest).stream()
                .map(ManifestDetails.Referrer::of).toList());
    }

    private ManifestDetails fetch(RepositoryPath path, String digest) {
        FetchedManifest fetched = registry.manifest(path.fullName(), digest)
                .orElseThrow(() -> ApiException.notFound(path + " holds no manifest " + digest));
        ImageSettings settings = fetched.manifest().isImage()
                ? fetched.manifest().configToRead().flatMap(config -> registry.config(path.fullName(), config))
                        .map(ImageSettings::of).orElse(null)
                : null;
        return new ManifestDetails(fetched.digest(), fetched.mediaType(), fetched.size(), fetched.manifest(), settings,
                List.of());
    }
}
