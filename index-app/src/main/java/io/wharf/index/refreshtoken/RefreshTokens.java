package io.wharf.index.refreshtoken;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface RefreshTokens extends JpaRepository<RefreshToken, Long> {

    Optional<RefreshToken> findBySecretHash(String secretHash);

    @Transactional
    @Modifying(flushAutomatically = true)
    @Query("delete from RefreshToken t where t.accountId = :accountId")
    int deleteMadeFromPassword(@Param("accountId") long accountId);

    @Transactional
    @Modifying(flushAutomatically = true)
    @Query("delete from RefreshToken t where t.accessTokenId = :accessTokenId")
    int deleteMadeFromAccessToken(@Param("accessTokenId") long accessTokenId);
}
