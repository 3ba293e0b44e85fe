package io.wharf.index.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Accounts extends JpaRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByEmail(String email);

    Optional<Account> findByEmail(String email);

    boolean existsByAdministratorTrue();

    List<Account> findAllByOrderByUsername();
}
