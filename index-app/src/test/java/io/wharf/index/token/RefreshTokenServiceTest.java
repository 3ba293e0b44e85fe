package io.wharf.index.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.index.IndexAppTestSupport;
import io.wharf.index.accesstoken.AccessTokenScope;
import io.wharf.index.accesstoken.AccessTokenService;
import io.wharf.index.accesstoken.AccessTokenView;
import io.wharf.index.accesstoken.CreateAccessTokenRequest;
import io.wharf.index.accesstoken.TokenOwner;
import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.refreshtoken.RefreshTokens;
import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.SecretTokens;
import io.wharf.index.requester.UserRequester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;

/** Refresh tokens live exactly as long as the credential that created them. */
class RefreshTokenServiceTest extends IndexAppTestSupport {

    @Autowired
    RefreshTokenService refreshTokens;

    @Autowired
    RefreshTokens storedRefreshTokens;

    @Autowired
    AccessTokenService accessTokens;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void redeemingYieldsTheSubjectWithTheCredentialsRestrictions() {
        Account alice = account(createUser());
        AccessTokenView readOnly = accessTokens.create(requester(alice), new TokenOwner.OfAccount(alice.id()),
                new CreateAccessTokenRequest("ro", AccessTokenScope.READ_ONLY, null));

        String fromPassword = refreshTokens.issue(new CredentialSource.Password(alice.id()), "docker");
        String fromToken = refreshTokens.issue(new CredentialSource.AccessTokenSecret(readOnly.id()), "docker");

        assertThat(refreshTokens.redeem(fromPassword).requester())
                .isEqualTo(new UserRequester(alice.id(), alice.username(), false, false, false));
        assertThat(refreshTokens.redeem(fromToken).requester().readOnly()).isTrue();
        assertThat(refreshTokens.redeem(fromToken).source())
                .isEqualTo(new CredentialSource.AccessTokenSecret(readOnly.id()));
    }

    @Test
    void revokingThePasswordsRefreshTokensLeavesTheAccessTokensOnes() {
        Account alice = account(createUser());
        AccessTokenView token = accessTokens.create(requester(alice), new TokenOwner.OfAccount(alice.id()),
                new CreateAccessTokenRequest("rw", AccessTokenScope.READ_WRITE, null));
        String fromPassword = refreshTokens.issue(new CredentialSource.Password(alice.id()), "docker");
        String fromToken = refreshTokens.issue(new CredentialSource.AccessTokenSecret(token.id()), "docker");

        storedRefreshTokens.deleteMadeFromPassword(alice.id());

        assertThatThrownBy(() -> refreshTokens.redeem(fromPassword)).isInstanceOf(BadCredentialsException.class);
        assertThat(refreshTokens.redeem(fromToken).requester().name()).isEqualTo(alice.username());
    }

    @Test
    void revokingAnAccessTokenRevokesItsRefreshTokensOnly() {
        Account alice = account(createUser());
        TokenOwner owner = new TokenOwner.OfAccount(alice.id());
        AccessTokenView revoked = accessTokens.create(requester(alice), owner, new CreateAccessTokenRequest("a", AccessTokenScope.READ_WRITE, null));
        AccessTokenView kept = accessTokens.create(requester(alice), owner, new CreateAccessTokenRequest("b", AccessTokenScope.READ_WRITE, null));
        String fromRevoked = refreshTokens.issue(new CredentialSource.AccessTokenSecret(revoked.id()), "docker");
        String fromKept = refreshTokens.issue(new CredentialSource.AccessTokenSecret(kept.id()), "docker");
        String fromPassword = refreshTokens.issue(new CredentialSource.Password(alice.id()), "docker");

        accessTokens.revoke(requester(alice), owner, revoked.id());

        assertThatThrownBy(() -> refreshTokens.redeem(fromRevoked)).isInstanceOf(BadCredentialsException.class);
        assertThat(refreshTokens.redeem(fromKept)).isNotNull();
        assertThat(refreshTokens.redeem(fromPassword)).isNotNull();
    }

    @Test
    void refreshTokensAreStoredHashed() {
        Account alice = account(createUser());

        String secret = refreshTokens.issue(new CredentialSource.Password(alice.id()), "docker");

        assertThat(secret).startsWith(SecretTokens.REFRESH_TOKEN_PREFIX).hasSizeGreaterThan(40);
        assertThat(jdbc.queryForList("select secret_hash from refresh_token", String.class))
                .contains(SecretTokens.hash(secret))
                .doesNotContain(secret);
        assertThatThrownBy(() -> refreshTokens.redeem(secret + "x")).isInstanceOf(BadCredentialsException.class);
    }

    private Account account(String username) {
        return accounts.findByUsername(username).orElseThrow();
    }

    private static UserRequester requester(Account account) {
        return new UserRequester(account.id(), account.username(), false, false, false);
    }
}
