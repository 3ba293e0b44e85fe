package io.wharf.index.accesstoken;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AccessTokens extends JpaRepository<AccessToken, Long> {

    Optional<AccessToken> findBySecretHash(String secretHash);

    List<AccessToken> findByAccountIdOrderByCreatedAtAscIdAsc(long accountId);

    List<AccessToken> findByRobotIdOrderByCreatedAtAscIdAsc(long robotId);
}
