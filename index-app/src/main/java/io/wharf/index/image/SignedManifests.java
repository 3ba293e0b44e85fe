package io.wharf.index.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.repository.RepositoryPath;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Which manifests of a repository a signature refers to, as the registry's referrers API says. The repository page
 * shows it for each tag of a page; asking the registry once per tag on every view made that page the slowest one
 * at scale. So the answers are remembered per repository until the registry reports a change in it (its events
 * call {@link #forget(String)}), and for at most {@link #REMEMBERED}, which bounds how stale a change no event
 * reports can leave them.
 */
@Service
public class SignedManifests {

    static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final int REPOSITORIES = 1024;

    private final RegistryClient registry;
    /** Per repository: digest to whether a signature refers to it. Forgetting swaps in a fresh map, so an answer
     * asked before the change and stored after it lands in the map that was dropped. */
    private final Cache<String, Map<String, Boolean>> known = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED)
            .maximumSize(REPOSITORIES)
            .build();

    public SignedManifests(RegistryClient registry) {
        this.registry = registry;
    }

    /** Of the digests, those that a signature refers to (the registry is asked only of those not known yet). */
    public Set<String> signed(RepositoryPath path, Collection<String> digests) {
        Map<String, Boolean> repository = known.get(path.fullName(), name -> new ConcurrentHashMap<>());
        List<String> unknown = digests.stream().filter(digest -> !repository.containsKey(digest)).distinct().toList();
        if (!unknown.isEmpty()) {
            registry.referrers(path.fullName(), unknown).forEach((digest, referrers) -> repository.put(digest,
                    referrers.stream().anyMatch(referrer -> ArtifactTypes.isSignature(referrer.artifactType()))));
        }
        return digests.stream().filter(digest -> Boolean.TRUE.equals(repository.get(digest)))
                .collect(Collectors.toSet());
    }

    /** The registry changed something in {@code repository} (a full name): its manifests' signatures may have too. */
    public void forget(String repository) {
        known.invalidate(repository);
    }
}
