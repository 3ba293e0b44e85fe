package io.wharf.index.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.repository.RepositoryPath;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    /** Per repository: digest to whether a signature refers to it, answered or being asked. Forgetting swaps in a
     * fresh map, so an answer asked before the change and stored after it lands in the map that was dropped. */
    private final Cache<String, Map<String, CompletableFuture<Boolean>>> known = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED)
            .maximumSize(REPOSITORIES)
            .build();

    public SignedManifests(RegistryClient registry) {
        this.registry = registry;
    }

    /**
     * Of the digests, those that a signature refers to. The registry is asked only of those not known yet, and once
     * for views that need them at the same time: they wait for the same answer, where each asking for itself sent the
     * registry a burst of requests per view, and under load one failed request among them left the whole page
     * unknown, to be asked again by the next view.
     */
    public Set<String> signed(RepositoryPath path, Collection<String> digests) {
        Map<String, CompletableFuture<Boolean>> repository = known.get(path.fullName(),
                name -> new ConcurrentHashMap<>());
        Map<String, CompletableFuture<Boolean>> answers = new LinkedHashMap<>();
        Map<String, CompletableFuture<Boolean>> asked = new LinkedHashMap<>();
        for (String digest : digests) {
            CompletableFuture<Boolean> question = new CompletableFuture<>();
            CompletableFuture<Boolean> earlier = repository.putIfAbsent(digest, question);
            answers.put(digest, earlier == null ? question : earlier);
            if (earlier == null) {
                asked.put(digest, question);
            }
        }
        if (!asked.isEmpty()) {
            ask(path, repository, asked);
        }
        try {
            return answers.entrySet().stream().filter(answer -> answer.getValue().join()).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** Answers the questions from the registry; when it fails, they are dropped, to be asked by the next view. */
    private void ask(RepositoryPath path, Map<String, CompletableFuture<Boolean>> repository,
            Map<String, CompletableFuture<Boolean>> questions) {
        try {
            registry.referrers(path.fullName(), questions.keySet()).forEach((digest, referrers) -> questions
                    .get(digest).complete(referrers.stream()
                            .anyMatch(referrer -> ArtifactTypes.isSignature(referrer.artifactType()))));
        } catch (RuntimeException failure) {
            questions.forEach((digest, question) -> {
                repository.remove(digest, question);
                question.completeExceptionally(failure);
            });
            throw failure;
        }
    }

    /** The registry changed something in {@code repository} (a full name): its manifests' signatures may have too. */
    public void forget(String repository) {
        known.invalidate(repository);
    }
}
