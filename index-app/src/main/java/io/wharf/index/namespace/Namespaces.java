package io.wharf.index.namespace;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Namespaces extends JpaRepository<Namespace, String> {
}
