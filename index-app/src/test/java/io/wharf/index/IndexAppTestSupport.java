package io.wharf.index;

import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.AccessRefusal;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.contract.auth.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The index running on a random loopback port with its data (H2 database, signing key) in a fresh
 * temporary directory per test class, plus helpers that drive it over HTTP as a client would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "wharf.index.admin.username=" + IndexAppTestSupport.ADMIN,
                "wharf.index.admin.password=" + IndexAppTestSupport.ADMIN_PASSWORD,
                // Every test client signs in from 127.0.0.1, so deliberate failures for one name would soon delay
                // it; LoginThrottlingTest checks the throttle with a small limit.
                "wharf.index.login-throttle.free-failures=1000",
                "wharf.index.events.secret=" + IndexAppTestSupport.EVENTS_SECRET,
        })
@DirtiesContext
public abstract class IndexAppTestSupport {

    public static final String ADMIN = "admin";
    /** Weak on purpose: the bootstrap administrator's configured password is warned about, not refused. */
    public static final String ADMIN_PASSWORD = "admin-test-password";
    /**
     * A password the password policy accepts, for tests that set one; it contains no test user's name. Users made
     * by {@link #createUser} get their own ({@link #passwordOf}).
     */
    public static final String STRONG_PASSWORD = "Tidal-Quartz-Lantern-42";
    public static final String SERVICE = "wharf-registry";
    public static final String EVENTS_SECRET = "test-events-secret";
    public static final String EVENTS_MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";
    public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static final AtomicInteger NAMES = new AtomicInteger(1000);

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @TempDir
    protected static Path dataDir;

    @LocalServerPort
    protected int port;

    /** The actuator's own port (loopback): metrics, info and health with its groups. */
    @LocalManagementPort
    protected int managementPort;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("wharf.data-dir", () -> dataDir.toString());
    }

    /** A name no other test uses, valid for users and organizations: {@code prefix} and digits. */
    protected static String uniqueName(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    /** The password {@link #createUser} gives an account: strong, and another one for each user. */
    protected static String passwordOf(String username) {
        return STRONG_PASSWORD + "-" + Integer.toHexString(username.hashCode());
    }

    protected RequestSpecification anonymous() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port);
    }

    protected RequestSpecification management() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(managementPort);
    }

    protected RequestSpecification as(String username, String secret) {
        return anonymous().auth().preemptive().basic(username, secret);
    }

    protected RequestSpecification asAdmin() {
        return as(ADMIN, ADMIN_PASSWORD);
    }

    /** As a user created by {@link #createUser}, with their password. */
    protected RequestSpecification asUser(String username) {
        return as(username, passwordOf(username));
    }

    /** Creates a confirmed, non-administrator user through the admin API. */
    protected String createUser(String username) {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", passwordOf(username)))
                .post("/api/users")
                .then().statusCode(201);
        return username;
    }

    protected String createUser() {
        return createUser(uniqueName("user"));
    }

    /** Creates an organization owned (as admin) by {@code owner}. */
    protected String createOrganization(String owner) {
        String name = uniqueName("org");
        asUser(owner).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/organizations")
                .then().statusCode(201);
        return name;
    }

    protected void putMember(String organization, String admin, String member, String role) {
        asUser(admin).contentType(ContentType.JSON).body(Map.of("role", role))
                .put("/api/organizations/{org}/members/{user}", organization, member)
                .then().statusCode(200);
    }

    protected void createRepository(String creator, String fullName, String visibility) {
        asUser(creator).contentType(ContentType.JSON).body(Map.of("name", fullName, "visibility", visibility))
                .post("/api/repositories")
                .then().statusCode(201);
    }

    protected void putCollaborator(String admin, String repository, String collaborator, String role) {
        asUser(admin).contentType(ContentType.JSON).body(Map.of("role", role))
                .put("/api/repositories/" + repository + "/-/collaborators/" + collaborator)
                .then().statusCode(200);
    }

    /** Creates a personal access token and returns its secret. */
    protected String createAccessToken(String username, String scope) {
        return asUser(username).contentType(ContentType.JSON).body(Map.of("name", "token", "scope", scope))
                .post("/api/tokens")
                .then().statusCode(201)
                .extract().path("token");
    }

    /** A successful GET to the token endpoint with these scopes. */
    protected JsonPath token(RequestSpecification client, String... scopes) {
        RequestSpecification request = client.queryParam("service", SERVICE);
        if (scopes.length > 0) {
            request = request.queryParam("scope", (Object[]) scopes);
        }
        return request.get("/v2/token").then().statusCode(200).extract().jsonPath();
    }

    /**
     * The sum of the samples of {@code name} that carry every given label, as (label, value) pairs; 0 when there is
     * none yet.
     */
    protected double metric(String name, String... labelsAndValues) {
        String scrape = management().get("/actuator/prometheus").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        while (sample.find()) {
            String labels = sample.group(1);
            boolean selected = true;
            for (int pair = 0; pair < labelsAndValues.length; pair += 2) {
                selected &= labels.contains(labelsAndValues[pair] + "=\"" + labelsAndValues[pair + 1] + "\"");
            }
            if (selected) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }

    /** Posts an envelope of registry events as the registry does, and expects them accepted. */
    @SafeVarargs
    protected final JsonPath sendEvents(Map<String, Object>... events) {
        return anonymous().header("Authorization", "Bearer " + EVENTS_SECRET)
                .contentType(EVENTS_MEDIA_TYPE)
                .body(Map.of("events", List.of(events)))
                .post("/api/events")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** A registry event with a fresh id. */
    protected static Map<String, Object> event(String action, Map<String, Object> target, Instant at) {
        return Map.of("id", UUID.randomUUID().toString(), "timestamp", at.toString(), "action", action,
                "target", target, "actor", Map.of("name", "someone"));
    }

    /** {@code repository:tag} now points at an image manifest of 1234 bytes with this digest. */
    protected static Map<String, Object> tagPush(String repository, String tag, String digest, Instant at) {
        return event("push", Map.of("mediaType", IMAGE_MANIFEST, "size", 1234, "digest", digest,
                "repository", repository, "tag", tag), at);
    }

    /** A digest that is the same for the same seed. */
    protected static String digest(String seed) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** The actions a token grants per resource name, read from its {@code access} claim (not verified here). */
    protected static Map<String, Set<String>> grants(String jwt) {
        try {
            Object claim = SignedJWT.parse(jwt).getJWTClaimsSet().getClaim(TokenClaims.ACCESS);
            Map<String, Set<String>> grants = new LinkedHashMap<>();
            for (AccessEntry entry : GrantedAccess.fromClaimValue(claim).entries()) {
                grants.put(entry.name(), entry.actions());
            }
            return grants;
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    /** Why a token left out actions, per resource name: the refusal's reason and message. */
    protected static Map<String, AccessRefusal> refusals(String jwt) {
        try {
            Object claim = SignedJWT.parse(jwt).getJWTClaimsSet().getClaim(TokenClaims.REFUSALS);
            Map<String, AccessRefusal> refusals = new LinkedHashMap<>();
            for (AccessRefusal refusal : AccessRefusal.fromClaimValue(claim)) {
                refusals.put(refusal.name(), refusal);
            }
            return refusals;
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    /** The actions the requester gets on one repository when asking for pull, push and delete. */
    protected Set<String> repositoryActions(RequestSpecification client, String repository) {
        String jwt = token(client, "repository:" + repository + ":pull,push,delete").getString("token");
        return grants(jwt).get(repository);
    }
}
