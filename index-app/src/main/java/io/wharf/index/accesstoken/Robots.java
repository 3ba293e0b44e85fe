package io.wharf.index.accesstoken;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Robots extends JpaRepository<Robot, Long> {

    Optional<Robot> findByNamespaceAndName(String namespace, String name);

    List<Robot> findByNamespaceOrderByName(String namespace);
}
