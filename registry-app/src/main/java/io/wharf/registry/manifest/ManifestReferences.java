package io.wharf.registry.manifest;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ManifestReferences extends JpaRepository<ManifestReference, ManifestReference.Key> {
}
