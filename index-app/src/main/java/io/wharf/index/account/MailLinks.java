package io.wharf.index.account;

import io.wharf.index.requester.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links with a single-use secret, for mails: 256 random bits in the link, only their SHA-256 stored
 * ({@link MailToken}), valid for a while. Shared by email confirmation and password reset.
 */
@Component
class MailLinks {

    private final MailTokens tokens;
    private final PublicUrl publicUrl;
    private final Clock clock;

    MailLinks(MailTokens tokens, PublicUrl publicUrl, Clock clock) {
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Stores a new token for the account's current address and returns the link {@code path?token=<secret>}. */
    String issue(Account account, MailTokenPurpose purpose, Duration lifetime, String path) {
        tokens.deleteExpired(clock.instant());
        String secret = SecretTokens.generate("");
        Instant now = clock.instant();
        tokens.save(new MailToken(account.id(), purpose, SecretTokens.hash(secret), account.email(), now, now.plus(lifetime)));
        return publicUrl.of(UriComponentsBuilder.fromPath(path).queryParam("token", secret).build().toUriString());
    }

    /** The unexpired token with this secret and purpose. */
    Optional<MailToken> find(String secret, MailTokenPurpose purpose) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findBySecretHashAndPurpose(SecretTokens.hash(secret), purpose)
                .filter(token -> !token.isExpiredAt(now));
    }

    /** Whether a token of this purpose was sent to the account within {@code recently}. */
    boolean sentWithin(Account account, MailTokenPurpose purpose, Duration recently) {
        return tokens.existsByAccountIdAndPurposeAndCreatedAtAfter(account.id(), purpose, clock.instant().minus(recently));
    }

    /** Makes every link of this purpose sent to the account useless. */
    void revokeAll(long accountId, MailTokenPurpose purpose) {
        tokens.deleteByAccountAndPurpose(accountId, purpose);
    }
}
