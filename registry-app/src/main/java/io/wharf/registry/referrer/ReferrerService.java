package io.wharf.registry.referrer;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.manifest.Manifest;
import io.wharf.registry.manifest.Manifests;
import io.wharf.registry.repository.RepositoryService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The referrers API: descriptors of the manifests in a repository whose {@code subject} is a given digest. */
@Service
public class ReferrerService {

    private final Manifests manifests;
    private final RepositoryService repositories;
    private final JsonMapper json;

    public ReferrerService(Manifests manifests, RepositoryService repositories, JsonMapper json) {
        this.manifests = manifests;
        this.repositories = repositories;
        this.json = json;
    }

    /**
     * Descriptors with {@code artifactType} and the manifest's annotations, oldest first; optionally only
     * those of one artifact type. An unknown repository simply has no referrers (the spec forbids a 404).
     */
    public List<Map<String, Object>> referrers(RepositoryName name, Digest subject, String artifactType) {
        return referrers(name, List.of(subject)).get(subject.toString()).stream()
                .filter(descriptor -> artifactType == null || artifactType.equals(descriptor.get("artifactType")))
                .toList();
    }

    /**
     * {@link #referrers} of each of {@code subjects}, unfiltered, in one lookup: each subject's digest maps to its
     * descriptors, none when nothing refers to it.
     */
    public Map<String, List<Map<String, Object>>> referrers(RepositoryName name, Collection<Digest> subjects) {
        Map<String, List<Map<String, Object>>> bySubject = new LinkedHashMap<>();
        subjects.forEach(subject -> bySubject.put(subject.toString(), new ArrayList<>()));
        repositories.find(name).ifPresent(repository -> manifests.withSubjects(repository.id(), bySubject.keySet())
                .forEach(manifest -> bySubject.get(manifest.subjectDigest()).add(descriptorOf(manifest))));
        return bySubject;
    }

    private Map<String, Object> descriptorOf(Manifest manifest) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", manifest.mediaType());
        descriptor.put("digest", manifest.digest());
        descriptor.put("size", manifest.size());
        if (manifest.artifactType() != null) {
            descriptor.put("artifactType", manifest.artifactType());
        }
        JsonNode annotations = json.readTree(manifest.payload()).get("annotations");
        if (annotations != null && annotations.isObject() && !annotations.isEmpty()) {
            descriptor.put("annotations", annotations);
        }
        return descriptor;
    }
}
