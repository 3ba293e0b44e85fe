package io.wharf.index.directory;

import org.springframework.data.jpa.repository.JpaRepository;

public interface LdapAccounts extends JpaRepository<LdapAccount, Long> {
}
