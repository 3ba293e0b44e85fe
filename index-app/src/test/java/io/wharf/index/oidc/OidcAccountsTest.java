package io.wharf.index.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Which account a person the provider vouched for is, on the index's real database: created and linked at the first
 * sign-in (both in the audit log), found by issuer and {@code sub} afterwards, its teams filled from the groups claim
 * at each sign-in, never joined with an account that
 * holds the name, refused while locked, and gone with the account. The browser flow against a real provider is
 * e2e's OidcSignInTest.
 */
class OidcAccountsTest extends IndexAppTestSupport {

    private static final String ISSUER = "https://idp.example.com/realms/staff";

    @Autowired
    private OidcAccounts oidcAccounts;

    @Autowired
    private JdbcClient database;

    @Test
    void theFirstSignInCreatesAndLinksTheAccountAndLaterOnesFindItBySubject() {
        String owner = createUser();
        String organization = createOrganization(owner);
        asUser(owner).contentType(ContentType.JSON).body(Map.of("name", "devs", "role", "write",
                        "allRepositories", true, "directoryGroup", "oidc:developers"))
                .post("/api/organizations/{org}/teams", organization).then().statusCode(201);
        String name = uniqueName("oidc");
        OidcAccounts.LinkedAccount first = oidcAccounts.signIn(person("sub-" + name, name.toUpperCase(),
                Map.of("groups", List.of("developers", " platform ", "developers"))));

        assertThat(first.username()).isEqualTo(name);
        assertThat(first.groups()).containsExactly("developers", "platform");
        asAdmin().get("/api/users/{name}", name).then().statusCode(200)
                .body("email", equalTo(name + "@example.com")).body("emailConfirmed", equalTo(true));
        assertThat(oidcAccounts.providerOf(first.accountId())).contains("OpenID Connect");
        assertThat(database.sql("SELECT action FROM audit_entry WHERE target_name = ? ORDER BY id")
                .param(name).query(String.class).list())
                .containsExactly("account.created", "account.external-identity-linked");
        asUser(owner).get("/api/organizations/{org}/teams/devs", organization).then().body("members", contains(name));

        // The provider renamed the person: the subject still finds the same account.
        OidcAccounts.LinkedAccount second = oidcAccounts.signIn(person("sub-" + name, "renamed" + name,
                Map.of("groups", "operators")));
        assertThat(second.accountId()).isEqualTo(first.accountId());
        assertThat(second.username()).isEqualTo(name);
        assertThat(second.groups()).containsExactly("operators");
        asUser(owner).get("/api/organizations/{org}/teams/devs", organization).then().body("members", empty());
        assertThat(database.sql("SELECT COUNT(*) FROM external_identity WHERE account_id = ?")
                .param(first.accountId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aNameAnAccountHoldsIsRefusedNotJoined() {
        String local = createUser(uniqueName("local"));

        assertThatThrownBy(() -> oidcAccounts.signIn(person("sub-" + local, local,
                Map.of("email", "elsewhere-" + local + "@example.com"))))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, refused -> {
                    assertThat(refused.getError().getErrorCode()).isEqualTo(OidcAccounts.ACCOUNT_REFUSED);
                    assertThat(refused.getMessage()).contains("the name " + local + " is taken").contains("never joined");
                });
        assertThat(database.sql("SELECT COUNT(*) FROM external_identity WHERE subject = ?")
                .param("sub-" + local).query(Integer.class).single()).isZero();
    }

    @Test
    void aLockedAccountIsRefusedAndADeletedOneIsCreatedAfresh() {
        String name = uniqueName("oidc");
        OidcUser person = person("sub-" + name, name, Map.of());
        long accountId = oidcAccounts.signIn(person).accountId();
        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true))
                .patch("/api/users/{name}", name).then().statusCode(200);

        assertThatThrownBy(() -> oidcAccounts.signIn(person)).hasMessageContaining("is locked");

        asAdmin().delete("/api/users/{name}", name).then().statusCode(204);
        assertThat(oidcAccounts.signIn(person).accountId()).isNotEqualTo(accountId);
    }

    @Test
    void aPersonWithoutTheNameClaimIsRefusedSayingWhichClaim() {
        Map<String, Object> claims = new HashMap<>(Map.of("iss", ISSUER, "sub", "nameless", "email", "x@example.com"));
        OidcUser nameless = new DefaultOidcUser(List.of(),
                new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60), claims));

        assertThatThrownBy(() -> oidcAccounts.signIn(nameless))
                .hasMessageContaining("sent no \"preferred_username\" claim");
    }

    private static OidcUser person(String subject, String preferredUsername, Map<String, Object> more) {
        Map<String, Object> claims = new HashMap<>(Map.of("iss", ISSUER, "sub", subject,
                "preferred_username", preferredUsername,
                "email", preferredUsername.toLowerCase().replace("renamed", "") + "@example.com",
                "email_verified", true));
        claims.putAll(more);
        return new DefaultOidcUser(List.of(), new OidcIdToken("id-token", Instant.now(),
                Instant.now().plusSeconds(60), claims));
    }
}
