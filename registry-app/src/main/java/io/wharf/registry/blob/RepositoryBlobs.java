package io.wharf.registry.blob;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RepositoryBlobs extends JpaRepository<RepositoryBlob, RepositoryBlob.Key> {
}
