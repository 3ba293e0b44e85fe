package io.wharf.index.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.contract.auth.AccessRefusal.Reason;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.index.IndexAppTestSupport;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Docker token endpoint over HTTP, as the Docker engine and other registry clients use it. */
class DockerTokenEndpointTest extends IndexAppTestSupport {

    @Test
    void anonymousClientsGetATokenWithoutSubjectThatOnlyPullsPublicRepositories() {
        String owner = createUser();
        createRepository(owner, owner + "/public-app", "public");
        createRepository(owner, owner + "/private-app", "private");

        JsonPath answer = token(anonymous(),
                "repository:" + owner + "/public-app:pull,push", "repository:" + owner + "/private-app:pull");

        assertThat(subjectOf(answer.getString("token"))).isEmpty();
        assertThat(grants(answer.getString("token"))).containsExactly(
                Map.entry(owner + "/public-app", Set.of("pull")),
                Map.entry(owner + "/private-app", Set.of()));
        assertThat(answer.getString("scope")).isEqualTo("repository:" + owner + "/public-app:pull");
    }

    @Test
    void grantsTheIntersectionOfSeveralRequestedScopesAndThePermissions() {
        String alice = createUser();
        String bob = createUser();
        createRepository(bob, bob + "/shared", "private");
        putCollaborator(bob, bob + "/shared", alice, "read");

        // Repeated scope parameters, one of them a space separated list, as CNCF clients send.
        String jwt = token(asUser(alice),
                "repository:" + alice + "/app:pull,push",
                "repository:" + bob + "/shared:pull,push repository:" + bob + "/secret:pull",
                "registry:catalog:*").getString("token");

        assertThat(grants(jwt)).containsExactly(
                Map.entry(alice + "/app", Set.of("pull", "push")),
                Map.entry(bob + "/shared", Set.of("pull")),
                Map.entry(bob + "/secret", Set.of()),
                Map.entry("catalog", Set.of()));
    }

    @Test
    void dockerLoginGetsAnEmptyTokenAndARefreshTokenThatLaterBuysScopedTokens() {
        String alice = createUser();

        // What `docker login` sends: no scope, account, client_id=docker, offline_token=true.
        JsonPath login = asUser(alice)
                .queryParam("account", alice)
                .queryParam("client_id", "docker")
                .queryParam("offline_token", "true")
                .queryParam("service", SERVICE)
                .get("/v2/token")
                .then().statusCode(200).extract().jsonPath();

        assertThat(login.getString("token")).isEqualTo(login.getString("access_token"));
        assertThat(grants(login.getString("token"))).isEmpty();
        assertThat(subjectOf(login.getString("token"))).isEqualTo(alice);
        String refreshToken = login.getString("refresh_token");
        assertThat(refreshToken).startsWith("wharf_rt_");

        // What the daemon then sends for a push, with the stored identity token and no password.
        JsonPath refreshed = refreshGrant(refreshToken, "repository:" + alice + "/app:pull,push")
                .then().statusCode(200).extract().jsonPath();

        assertThat(grants(refreshed.getString("access_token"))).containsExactly(
                Map.entry(alice + "/app", Set.of("pull", "push")));
        assertThat(subjectOf(refreshed.getString("access_token"))).isEqualTo(alice);
        assertThat(refreshed.getString("refresh_token")).isNull();
        assertThat(refreshed.getString("scope")).isEqualTo("repository:" + alice + "/app:pull,push");

        // Never rotated: asking offline again returns the very same one, which keeps working.
        refreshGrant(refreshToken, "", "access_type", "offline")
                .then().statusCode(200).body("refresh_token", equalTo(refreshToken));
        refreshGrant(refreshToken, "repository:" + alice + "/app:pull").then().statusCode(200);
    }

    @Test
    void passwordGrantReturnsARefreshTokenWhenAskedForOfflineAccess() {
        String alice = createUser();

        JsonPath answer = anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("username", alice)
                .formParam("password", passwordOf(alice))
                .formParam("service", SERVICE)
                .formParam("client_id", "docker")
                .formParam("access_type", "offline")
                .formParam("scope", "repository:" + alice + "/app:pull")
                .post("/v2/token")
                .then().statusCode(200).extract().jsonPath();

        assertThat(grants(answer.getString("access_token"))).containsExactly(Map.entry(alice + "/app", Set.of("pull")));
        assertThat(answer.getString("refresh_token")).startsWith("wharf_rt_");
        assertThat(answer.getInt("expires_in")).isEqualTo(300);

        anonymous().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "username", alice, "password", passwordOf(alice),
                        "service", SERVICE, "client_id", "docker"))
                .post("/v2/token")
                .then().statusCode(200).body("refresh_token", equalTo(null));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        String alice = createUser();

        Response wrongPassword = as(alice, "not-the-password").queryParam("service", SERVICE).get("/v2/token");
        Response unknownUser = as(uniqueName("ghost"), "not-the-password").queryParam("service", SERVICE).get("/v2/token");

        for (Response response : new Response[] {wrongPassword, unknownUser}) {
            response.then().statusCode(401)
                    .header("WWW-Authenticate", "Basic realm=\"wharf\"")
                    .body("error", equalTo("unauthorized"));
        }
        assertThat(unknownUser.asString()).isEqualTo(wrongPassword.asString());
        assertThat(wrongPassword.jsonPath().getString("details")).isEqualTo(wrongPassword.jsonPath().getString("message"));
    }

    @Test
    void passwordGrantWithAWrongPasswordIs401Too() {
        String alice = createUser();

        anonymous().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "username", alice, "password", "wrong-password",
                        "service", SERVICE, "client_id", "docker"))
                .post("/v2/token")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void tokensVerifyWithThePublishedJwksAndCarryTheStandardClaims() throws Exception {
        String alice = createUser();
        JsonPath answer = token(asUser(alice), "repository:" + alice + "/app:pull");
        String jwt = answer.getString("token");
        JWKSet keys = JWKSet.parse(anonymous().get("/.well-known/jwks.json")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());

        JWTClaimsSet claims = verifier(keys).process(jwt, null);

        SignedJWT parsed = SignedJWT.parse(jwt);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(keys.getKeys().get(0).getKeyID());
        assertThat(claims.getIssuer()).isEqualTo("wharf-index");
        assertThat(claims.getAudience()).containsExactly(SERVICE);
        assertThat(claims.getSubject()).isEqualTo(alice);
        Instant issuedAt = claims.getIssueTime().toInstant();
        assertThat(issuedAt).isCloseTo(Instant.now(), within(30, ChronoUnit.SECONDS));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issuedAt);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issuedAt.plus(5, ChronoUnit.MINUTES));
        assertThat(Instant.parse(answer.getString("issued_at"))).isEqualTo(issuedAt);
        assertThat(answer.getLong("expires_in")).isEqualTo(300);
        assertThat(claims.getJWTID()).isNotBlank()
                .isNotEqualTo(SignedJWT.parse(token(asUser(alice)).getString("token")).getJWTClaimsSet().getJWTID());
        assertThat(GrantedAccess.fromClaimValue(claims.getClaim("access")).allows("repository", alice + "/app", "pull"))
                .isTrue();
    }

    @Test
    void aTamperedTokenDoesNotVerify() throws Exception {
        String alice = createUser();
        String jwt = token(asUser(alice), "repository:" + alice + "/app:pull").getString("token");
        JWKSet keys = JWKSet.parse(anonymous().get("/.well-known/jwks.json").asString());
        String[] parts = jwt.split("\\.");
        String forgedClaims = Base64URL.encode(
                SignedJWT.parse(jwt).getJWTClaimsSet().toString().replace(alice + "/app", alice + "/other")).toString();

        assertThatThrownBy(() -> verifier(keys).process(parts[0] + "." + forgedClaims + "." + parts[2], null))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void unknownOrMissingServiceIsABadRequest() {
        anonymous().queryParam("service", "some-other-registry").get("/v2/token")
                .then().statusCode(400).body("error", equalTo("unknown_service"));
        anonymous().get("/v2/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void malformedRequestsAreBadRequestsNotServerErrors() {
        anonymous().queryParam("service", SERVICE).queryParam("scope", "repository:Team/App:pull").get("/v2/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        anonymous().queryParam("service", SERVICE).queryParam("offline_token", "maybe").get("/v2/token")
                .then().statusCode(400);
        anonymous().contentType(ContentType.URLENC).formParam("service", SERVICE).post("/v2/token")
                .then().statusCode(400);
        anonymous().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "authorization_code", "service", SERVICE))
                .post("/v2/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        anonymous().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "password", "service", SERVICE))
                .post("/v2/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        anonymous().contentType(ContentType.JSON).body("{}").post("/v2/token")
                .then().statusCode(415);
        anonymous().header("Authorization", "Basic not-base64!").queryParam("service", SERVICE).get("/v2/token")
                .then().statusCode(401);
        asUser(createUser()).queryParam("service", SERVICE).queryParam("offline_token", "true")
                .queryParam("client_id", "bad\u0001client").get("/v2/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void catalogListingIsForAdministratorsAndSearchForEveryone() {
        String alice = createUser();

        assertThat(grants(token(asAdmin(), "registry:catalog:*,search").getString("token")))
                .containsEntry("catalog", Set.of("*", "search"));
        assertThat(grants(token(asUser(alice), "registry:catalog:*,search").getString("token")))
                .containsEntry("catalog", Set.of("search"));
        assertThat(grants(token(anonymous(), "registry:catalog:search").getString("token")))
                .containsEntry("catalog", Set.of("search"));
        assertThat(grants(token(asUser(alice), "registry:other:*", "plugin:thing:pull").getString("token")))
                .containsEntry("other", Set.of())
                .containsEntry("thing", Set.of());
    }

    @Test
    void resourceClassesAreAcceptedAndDropped() throws Exception {
        String alice = createUser();

        String jwt = token(asUser(alice), "repository(plugin):" + alice + "/plugin:pull").getString("token");

        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().toString())
                .contains("{\"type\":\"repository\",\"name\":\"" + alice + "/plugin\",\"actions\":[\"pull\"]}");
    }

    @Test
    void aPermittedPushToANewRepositoryRecordsItWithTheDefaultVisibility() {
        String alice = createUser();
        String bob = createUser();

        assertThat(repositoryActions(asUser(alice), alice + "/fresh")).containsExactlyInAnyOrder("pull", "push", "delete");
        asUser(alice).get("/api/repositories/" + alice + "/fresh")
                .then().statusCode(200).body("visibility", equalTo("private"));

        assertThat(repositoryActions(asUser(bob), alice + "/other")).isEmpty();
        asUser(alice).get("/api/repositories/" + alice + "/other").then().statusCode(404);

        // Pulling alone does not create anything.
        token(asUser(alice), "repository:" + alice + "/pulled:pull");
        asUser(alice).get("/api/repositories/" + alice + "/pulled").then().statusCode(404);
    }

    @Test
    void organizationWritersCreateRepositoriesByPushingAndReadersDoNot() {
        String owner = createUser();
        String writer = createUser();
        String reader = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, writer, "write");
        putMember(organization, owner, reader, "read");

        assertThat(repositoryActions(asUser(reader), organization + "/app")).isEmpty();
        assertThat(repositoryActions(asUser(writer), organization + "/app")).containsExactlyInAnyOrder("pull", "push");
        assertThat(repositoryActions(asUser(reader), organization + "/app")).containsExactly("pull");
        assertThat(repositoryActions(anonymous(), organization + "/app")).isEmpty();
    }

    @Test
    void topLevelNamesAreTheLibraryOrganizationsForAdministratorsAndItsWriters() {
        String writer = createUser();
        String stranger = createUser();
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "write"))
                .put("/api/organizations/library/members/{user}", writer).then().statusCode(200);

        assertThat(repositoryActions(asAdmin(), "busybox")).containsExactlyInAnyOrder("pull", "push", "delete");
        assertThat(repositoryActions(asUser(writer), "busybox")).containsExactlyInAnyOrder("pull", "push");
        assertThat(repositoryActions(asUser(writer), "library/busybox")).containsExactlyInAnyOrder("pull", "push");
        String jwt = token(asUser(stranger), "repository:busybox:pull,push").getString("token");
        assertThat(grants(jwt)).containsEntry("busybox", Set.of());
        assertThat(refusals(jwt).get("busybox").reason()).isEqualTo(Reason.TOP_LEVEL);
        assertThat(refusals(jwt).get("busybox").message())
                .startsWith("busybox is a top-level repository (library/busybox): only administrators and writers of"
                        + " the organization library may push it; push under your own name (" + stranger
                        + "/busybox) instead");
    }

    @Test
    void namesOutsideAnyNamespaceGrantNothingEvenToAdministratorsAndSayWhy() {
        String alice = createUser();
        assertThat(repositoryActions(asAdmin(), "nosuchnamespace/app")).isEmpty();
        assertThat(repositoryActions(asAdmin(), "localhost:5000/app")).isEmpty();

        String jwt = token(asUser(alice), "repository:nosuchnamespace/app:pull,push").getString("token");
        assertThat(refusals(jwt).get("nosuchnamespace/app").reason()).isEqualTo(Reason.NAMESPACE_UNKNOWN);
        assertThat(refusals(jwt).get("nosuchnamespace/app").message()).isEqualTo("namespace nosuchnamespace does"
                + " not exist: push under your own name (" + alice + "/app) or create the organization nosuchnamespace"
                + " first");
    }

    @Test
    void aReadOnlyAccessTokenOfAnAdministratorGetsNeitherTheCatalogNorWrites() {
        String readOnly = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "audit", "scope", "read-only"))
                .post("/api/tokens").then().statusCode(201).extract().path("token");

        String jwt = token(as(ADMIN, readOnly), "registry:catalog:*,search", "repository:busybox:pull,push,delete")
                .getString("token");

        assertThat(grants(jwt)).containsEntry("catalog", Set.of("search")).containsEntry("busybox", Set.of("pull"));
        assertThat(refusals(jwt).get("busybox").reason()).isEqualTo(Reason.READ_ONLY_TOKEN);
        assertThat(refusals(jwt).get("busybox").message()).startsWith("this is a read-only access token");
    }

    @Test
    void accessTokensWorkAsPasswordsWithinTheirScope() {
        String alice = createUser();
        String readWrite = createAccessToken(alice, "read-write");
        String readOnly = createAccessToken(alice, "read-only");
        assertThat(readWrite).startsWith("wharf_pat_");

        assertThat(repositoryActions(as(alice, readWrite), alice + "/app")).containsExactlyInAnyOrder("pull", "push", "delete");
        assertThat(repositoryActions(as(alice, readOnly), alice + "/app")).containsExactly("pull");

        // A token only works with its owner's name.
        as(createUser(), readWrite).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
    }

    @Test
    void revokingAnAccessTokenRevokesTheRefreshTokensMadeWithIt() {
        String alice = createUser();
        JsonPath created = asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "laptop", "scope", "read-write"))
                .post("/api/tokens").then().statusCode(201).extract().jsonPath();
        String accessToken = created.getString("token");
        String fromToken = dockerLogin(alice, accessToken);
        String fromPassword = dockerLogin(alice, passwordOf(alice));

        asUser(alice).delete("/api/tokens/{id}", created.getLong("id")).then().statusCode(204);

        refreshGrant(fromToken, "").then().statusCode(401);
        as(alice, accessToken).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        refreshGrant(fromPassword, "").then().statusCode(200);
    }

    @Test
    void changingThePasswordRevokesTheRefreshTokensMadeWithIt() {
        String alice = createUser();
        String accessToken = createAccessToken(alice, "read-write");
        String fromPassword = dockerLogin(alice, passwordOf(alice));
        String fromToken = dockerLogin(alice, accessToken);

        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", passwordOf(alice), "newPassword", STRONG_PASSWORD))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(204);

        refreshGrant(fromPassword, "").then().statusCode(401);
        refreshGrant(fromToken, "").then().statusCode(200);
        as(alice, passwordOf(alice)).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        as(alice, STRONG_PASSWORD).queryParam("service", SERVICE).get("/v2/token").then().statusCode(200);
    }

    @Test
    void aRefreshTokenMadeWithAReadOnlyAccessTokenStaysReadOnly() {
        String alice = createUser();
        String refreshToken = dockerLogin(alice, createAccessToken(alice, "read-only"));

        String jwt = refreshGrant(refreshToken, "repository:" + alice + "/app:pull,push")
                .then().statusCode(200).extract().path("access_token");

        assertThat(grants(jwt)).containsEntry(alice + "/app", Set.of("pull"));
    }

    @Test
    void unknownRefreshTokensAre401() {
        refreshGrant("wharf_rt_made-up", "").then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void expiredAccessTokensDoNotWork() {
        String alice = createUser();
        String shortLived = asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "soon", "scope", "read-write", "expiresAt", Instant.now().plusSeconds(2).toString()))
                .post("/api/tokens").then().statusCode(201).extract().path("token");
        as(alice, shortLived).queryParam("service", SERVICE).get("/v2/token").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as(alice, shortLived).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401));
    }

    @Test
    void lockedUsersCannotSignInAnyWay() {
        String alice = createUser();
        String accessToken = createAccessToken(alice, "read-write");
        String refreshToken = dockerLogin(alice, passwordOf(alice));

        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true)).patch("/api/users/{name}", alice)
                .then().statusCode(200).body("locked", equalTo(true));

        asUser(alice).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        as(alice, accessToken).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        refreshGrant(refreshToken, "").then().statusCode(401);
    }

    @Test
    void aRepeatedPasswordSkipsTheHashButAWrongOneIsHashedAndRefused() {
        String alice = createUser();
        double hashed = passwordChecks("match", false);
        double remembered = passwordChecks("match", true);
        double mismatches = passwordChecks("mismatch", false);

        for (int request = 0; request < 3; request++) {
            token(asUser(alice), "repository:" + alice + "/app:pull,push");
        }
        as(alice, passwordOf(alice) + "x").queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        as(alice, passwordOf(alice).toUpperCase()).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);

        assertThat(passwordChecks("match", false)).isEqualTo(hashed + 1);
        assertThat(passwordChecks("match", true)).isEqualTo(remembered + 2);
        assertThat(passwordChecks("mismatch", false)).isEqualTo(mismatches + 2);
        // A failure is never remembered: the same wrong password is hashed, and refused, again.
        as(alice, passwordOf(alice) + "x").queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        assertThat(passwordChecks("mismatch", false)).isEqualTo(mismatches + 3);
        token(asUser(alice));
        assertThat(passwordChecks("match", true)).isEqualTo(remembered + 3);
    }

    @Test
    void aRememberedPasswordIsRefusedAtOnceWhenChangedResetLockedOrDeleted() {
        String alice = createUser();
        String first = passwordOf(alice);
        token(as(alice, first));
        token(as(alice, first));

        as(alice, first).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", first, "newPassword", STRONG_PASSWORD + "-changed"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(204);
        as(alice, first).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        token(as(alice, STRONG_PASSWORD + "-changed"));

        asAdmin().contentType(ContentType.JSON).body(Map.of("newPassword", STRONG_PASSWORD + "-reset"))
                .put("/api/users/{name}/password", alice)
                .then().statusCode(204);
        as(alice, STRONG_PASSWORD + "-changed").queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        token(as(alice, STRONG_PASSWORD + "-reset"));

        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true)).patch("/api/users/{name}", alice)
                .then().statusCode(200);
        as(alice, STRONG_PASSWORD + "-reset").queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", false)).patch("/api/users/{name}", alice)
                .then().statusCode(200);
        token(as(alice, STRONG_PASSWORD + "-reset"));

        asAdmin().delete("/api/users/{name}", alice).then().statusCode(204);
        as(alice, STRONG_PASSWORD + "-reset").queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
    }

    @Test
    void aRoleChangeAppliesToTheNextTokenOfARememberedPassword() {
        String alice = createUser();
        String bob = createUser();
        createRepository(bob, bob + "/shared", "private");
        assertThat(grants(token(asUser(alice), "repository:" + bob + "/shared:pull").getString("token")))
                .containsExactly(Map.entry(bob + "/shared", Set.of()));

        asAdmin().contentType(ContentType.JSON).body(Map.of("administrator", true)).patch("/api/users/{name}", alice)
                .then().statusCode(200);

        assertThat(grants(token(asUser(alice), "repository:" + bob + "/shared:pull").getString("token")))
                .containsExactly(Map.entry(bob + "/shared", Set.of("pull")));
    }

    @Test
    void accessTokensCostNoPasswordHashAndARevokedOneIsRefusedAtOnce() {
        String alice = createUser();
        String accessToken = createAccessToken(alice, "read-write");
        long id = asUser(alice).get("/api/tokens").then().statusCode(200).extract().<Number>path("[0].id").longValue();
        double checks = metric("wharf_index_credential_checks_total");

        token(as(alice, accessToken), "repository:" + alice + "/app:pull,push");
        token(as(alice, accessToken), "repository:" + alice + "/app:pull,push");
        assertThat(metric("wharf_index_credential_checks_total")).isEqualTo(checks);

        asUser(alice).delete("/api/tokens/{id}", id).then().statusCode(204);
        as(alice, accessToken).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
    }

    @Test
    void usersWithAnUnconfirmedEmailPullButDoNotPush() {
        String alice = uniqueName("user");
        anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", alice, "email", alice + "@example.com", "password", passwordOf(alice)))
                .post("/api/users")
                .then().statusCode(201).body("emailConfirmed", equalTo(false));

        assertThat(repositoryActions(asUser(alice), alice + "/app")).containsExactly("pull");

        asAdmin().contentType(ContentType.JSON).body(Map.of("emailConfirmed", true)).patch("/api/users/{name}", alice)
                .then().statusCode(200);
        assertThat(repositoryActions(asUser(alice), alice + "/app")).containsExactlyInAnyOrder("pull", "push", "delete");
    }

    @Test
    void robotsPushOnlyWhereTheyArePermitted() {
        String owner = createUser();
        String organization = createOrganization(owner);
        createRepository(owner, organization + "/app", "private");
        createRepository(owner, organization + "/other", "private");
        asUser(owner).contentType(ContentType.JSON).body(Map.of("name", "ci")).post("/api/namespaces/{ns}/robots", organization)
                .then().statusCode(201).body("name", equalTo(organization + "+ci"));
        asUser(owner).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of(Map.of("repository", organization + "/app", "role", "write"))))
                .put("/api/namespaces/{ns}/robots/ci/permissions", organization)
                .then().statusCode(200);
        String robotToken = asUser(owner).contentType(ContentType.JSON).body(Map.of("name", "pipeline", "scope", "read-write"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", organization)
                .then().statusCode(201).body("token", startsWith("wharf_pat_")).extract().path("token");

        JsonPath answer = token(as(organization + "+ci", robotToken),
                "repository:" + organization + "/app:pull,push,delete",
                "repository:" + organization + "/other:pull",
                "repository:" + organization + "/new:pull,push");

        assertThat(subjectOf(answer.getString("token"))).isEqualTo(organization + "+ci");
        assertThat(grants(answer.getString("token"))).containsExactly(
                Map.entry(organization + "/app", Set.of("pull", "push")),
                Map.entry(organization + "/other", Set.of()),
                Map.entry(organization + "/new", Set.of()));

        asUser(owner).delete("/api/namespaces/{ns}/robots/ci", organization).then().statusCode(204);
        as(organization + "+ci", robotToken).queryParam("service", SERVICE).get("/v2/token").then().statusCode(401);
    }

    @Test
    void robotsOfAnUnconfirmedUserPullButDoNotPush() {
        String alice = signUpUnconfirmed();
        String robotToken = robotWithWriteOn(alice, alice + "/app");

        String jwt = token(as(alice + "+ci", robotToken), "repository:" + alice + "/app:pull,push").getString("token");

        assertThat(grants(jwt)).containsEntry(alice + "/app", Set.of("pull"));
        assertThat(refusals(jwt).get(alice + "/app").reason()).isEqualTo(Reason.EMAIL_UNCONFIRMED);

        String unconfirmed = token(asUser(alice), "repository:" + alice + "/app:pull,push").getString("token");
        assertThat(refusals(unconfirmed).get(alice + "/app").message()).startsWith(
                "confirm your email address before you push: open the link mailed to you, or send a new one from http");
    }

    @Test
    void robotsStopWhenTheirNamespacesOwnerIsLocked() {
        String alice = createUser();
        String robotToken = robotWithWriteOn(alice, alice + "/app");
        assertThat(repositoryActions(as(alice + "+ci", robotToken), alice + "/app")).containsExactly("pull", "push");

        asAdmin().contentType(ContentType.JSON).body(Map.of("locked", true)).patch("/api/users/{name}", alice)
                .then().statusCode(200);

        String jwt = token(as(alice + "+ci", robotToken), "repository:" + alice + "/app:pull,push").getString("token");
        assertThat(grants(jwt)).containsEntry(alice + "/app", Set.of());
        assertThat(refusals(jwt).get(alice + "/app").reason()).isEqualTo(Reason.LOCKED);
        assertThat(refusals(jwt).get(alice + "/app").message()).isEqualTo(
                "the account " + alice + " is locked, and its robots with it; ask an administrator");
    }

    private String signUpUnconfirmed() {
        String name = uniqueName("user");
        anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@example.com", "password", passwordOf(name)))
                .post("/api/users")
                .then().statusCode(201).body("emailConfirmed", equalTo(false));
        return name;
    }

    /** A robot {@code <namespace>+ci} of the user's own namespace with write on {@code repository}; its token. */
    private String robotWithWriteOn(String user, String repository) {
        createRepository(user, repository, "private");
        asUser(user).contentType(ContentType.JSON).body(Map.of("name", "ci")).post("/api/namespaces/{ns}/robots", user)
                .then().statusCode(201);
        asUser(user).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of(Map.of("repository", repository, "role", "write"))))
                .put("/api/namespaces/{ns}/robots/ci/permissions", user)
                .then().statusCode(200);
        return asUser(user).contentType(ContentType.JSON).body(Map.of("name", "pipeline", "scope", "read-write"))
                .post("/api/namespaces/{ns}/robots/ci/tokens", user)
                .then().statusCode(201).extract().path("token");
    }

    private Response refreshGrant(String refreshToken, String scope, String... extraParameters) {
        var request = anonymous().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .formParam("service", SERVICE)
                .formParam("client_id", "docker")
                .formParam("scope", scope);
        for (int i = 0; i < extraParameters.length; i += 2) {
            request = request.formParam(extraParameters[i], extraParameters[i + 1]);
        }
        return request.post("/v2/token");
    }

    /** Password checks so far with this result, answered by a recent match ({@code cached}) or by the hash. */
    private double passwordChecks(String result, boolean cached) {
        return metric("wharf_index_credential_checks_total", "result", result, "cached", String.valueOf(cached));
    }

    /** `docker login` with this secret: returns the identity (refresh) token the CLI would store. */
    private String dockerLogin(String username, String secret) {
        return as(username, secret)
                .queryParam("account", username)
                .queryParam("client_id", "docker")
                .queryParam("offline_token", "true")
                .queryParam("service", SERVICE)
                .get("/v2/token")
                .then().statusCode(200).extract().path("refresh_token");
    }

    private static String subjectOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static DefaultJWTProcessor<SecurityContext> verifier(JWKSet keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                SERVICE,
                new JWTClaimsSet.Builder().issuer("wharf-index").build(),
                Set.of("sub", "exp", "nbf", "iat", "jti", "access")));
        return processor;
    }
}
