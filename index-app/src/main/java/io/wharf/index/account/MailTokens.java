package io.wharf.index.account;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface MailTokens extends JpaRepository<MailToken, Long> {

    Optional<MailToken> findBySecretHashAndPurpose(String secretHash, MailTokenPurpose purpose);

    boolean existsByAccountIdAndPurposeAndCreatedAtAfter(long accountId, MailTokenPurpose purpose, Instant after);

    @Modifying
    @Query("delete from MailToken t where t.accountId = :accountId and t.purpose = :purpose")
    void deleteByAccountAndPurpose(long accountId, MailTokenPurpose purpose);

    @Modifying
    @Query("delete from MailToken t where t.expiresAt <= :now")
    int deleteExpired(Instant now);
}
