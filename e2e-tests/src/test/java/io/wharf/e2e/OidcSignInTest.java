package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.wharf.registry.clients.DockerEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in with a real OpenID Connect provider (Spring Authorization Server in this JVM, {@link OidcTestProvider})
 * through Chromium: the index was started before the provider, as if it were down, and says so on its button's page;
 * then a person's first sign-in creates their account (in the team of their group), the second finds it, and an
 * access token they create signs the real docker engine in to push. Changed callbacks and wrong ID tokens (issuer,
 * expiry, nonce), a name an account holds and a locked account end on the sign-in error page with the reason;
 * locking the account also ends its web session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSignInTest {

    private static WharfServers servers;
    private static IndexApi index;
    private static Browser browser;
    private static OidcTestProvider provider;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        browser = Browser.open(servers.indexUrl());
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    /** Started once, after the first test saw the index without it. */
    private static synchronized void providerRunning() {
        if (provider == null) {
            provider = OidcTestProvider.start(servers.oidcProviderPort(), servers.indexUrl());
        }
    }

    @Test
    @Order(1)
    void anIndexStartedWhileTheProviderWasDownServesAndSaysWhyTheButtonCannotSignIn() {
        if (provider != null) {
            return;
        }
        browser.go("/login");
        assertThat(browser.text("#oidc-sign-in")).isEqualTo("Sign in with " + WharfServers.OIDC_PROVIDER_NAME);
        browser.submit("#oidc-sign-in");
        assertThat(browser.text("#sign-in-error"))
                .contains(WharfServers.OIDC_PROVIDER_NAME + " cannot be reached right now")
                .contains("log in with your Wharf password");
        given().baseUri(servers.indexUrl()).redirects().follow(false)
                .get("/oauth2/authorization/oidc").then().statusCode(503);
        providerRunning();
    }

    @Test
    @Order(2)
    void firstSignInCreatesTheLinkedAccountAndTheSecondFindsIt() {
        providerRunning();
        index.createOrganization("oidcorg");
        index.asAdmin().body(Map.of("name", "devs", "role", "write", "allRepositories", true,
                        "directoryGroup", "oidc:" + OidcTestProvider.GROUPS.get(0)))
                .post("/api/organizations/oidcorg/teams").then().statusCode(201);

        signInAtProvider(OidcTestProvider.PERSON);
        assertThat(browser.text("#nav-username")).isEqualTo(OidcTestProvider.PERSON);
        String createdAt = index.asAdmin().get("/api/users/" + OidcTestProvider.PERSON).then().statusCode(200)
                .body("email", equalTo(OidcTestProvider.PERSON + "@example.com"))
                .body("emailConfirmed", equalTo(true))
                .extract().path("createdAt");
        // The groups claim put the new account in the team of its group.
        index.asAdmin().get("/api/organizations/oidcorg/teams/devs").then().statusCode(200)
                .body("members", contains(OidcTestProvider.PERSON));

        browser.submit("#sign-out");
        // The provider still knows the browser: the second sign-in comes straight back, to the same account.
        browser.go("/login");
        browser.submit("#oidc-sign-in");
        assertThat(browser.text("#nav-username")).isEqualTo(OidcTestProvider.PERSON);
        index.asAdmin().get("/api/users/" + OidcTestProvider.PERSON).then().statusCode(200)
                .body("createdAt", equalTo(createdAt));

        browser.go("/settings/profile");
        assertThat(browser.text("#provider-account")).contains("You sign in with " + WharfServers.OIDC_PROVIDER_NAME);
        assertThat(browser.has("#password-form")).isFalse();
    }

    @Test
    @Order(3)
    void anAccessTokenOfTheProvidersUserPushesWithDockerLogin() {
        providerRunning();
        if (!browser.has("#nav-username")) {
            signInAtProvider(OidcTestProvider.PERSON);
        }
        browser.go("/settings/tokens");
        assertThat(browser.text("#provider-token-notice"))
                .contains("so you have no Wharf password")
                .contains("docker login");
        browser.type("#token-name", "laptop");
        browser.submit("#create-token");
        String token = browser.text("#created-token");

        DockerEngine docker = DockerEngine.shared();
        String image = servers.registryHost() + "/" + OidcTestProvider.PERSON + "/app:1";
        docker.buildBusyboxImage(image);
        docker.login(servers.registryHost(), OidcTestProvider.PERSON, token);
        try {
            docker.push(image);
        } finally {
            docker.logout(servers.registryHost());
            docker.rmi(image);
        }
    }

    @Test
    @Order(4)
    void aCallbackWithAnotherStateIsRefusedWithTheReason() {
        providerRunning();
        freshBrowser();
        browser.go("/login");
        browser.submit("#oidc-sign-in");
        // At the provider's login page the sign-in is under way; its way back arrives changed.
        browser.go("/login/oauth2/code/oidc?code=forged&state=tampered");
        assertThat(browser.text("#sign-in-error")).contains("does not match one started in this browser");
    }

    @Test
    @Order(5)
    void wrongIdTokensAndATakenNameEndOnTheSignInErrorPage() {
        providerRunning();
        assertThat(refusal(OidcTestProvider.FOREIGN_ISSUER)).contains("its issuer is not http://127.0.0.1:");
        assertThat(refusal(OidcTestProvider.EXPIRED)).contains("had already expired");
        assertThat(refusal(OidcTestProvider.WRONG_NONCE)).contains("its nonce does not match");
        assertThat(refusal(OidcTestProvider.NAME_CLASH))
                .contains("cannot create the account \"" + WharfServers.ADMIN_USER + "\"")
                .contains("never joined");
        browser.go("/");
        assertThat(browser.has("#nav-username")).isFalse();
    }

    @Test
    @Order(6)
    void lockingTheAccountEndsItsSessionAndRefusesItsNextSignIn() {
        providerRunning();
        signInAtProvider(OidcTestProvider.PERSON);
        assertThat(browser.text("#nav-username")).isEqualTo(OidcTestProvider.PERSON);
        index.lockUser(OidcTestProvider.PERSON);
        try {
            browser.go("/settings/profile");
            assertThat(browser.path()).isEqualTo("/login");
            // The provider still knows the browser and vouches for the person; the index refuses the locked account.
            browser.submit("#oidc-sign-in");
            assertThat(browser.text("#sign-in-error")).contains("is locked");
        } finally {
            index.asAdmin().body(Map.of("locked", false)).patch("/api/users/" + OidcTestProvider.PERSON)
                    .then().statusCode(200);
        }
    }

    /** What the sign-in error page says after {@code person} signed in at the provider. */
    private static String refusal(String person) {
        signInAtProvider(person);
        assertThat(browser.path()).isEqualTo("/login/provider-error");
        return browser.text("#sign-in-error");
    }

    /** From the index's login page through the provider's, as {@code person}, in a browser that knows neither. */
    private static void signInAtProvider(String person) {
        freshBrowser();
        browser.go("/login");
        browser.submit("#oidc-sign-in");
        assertThat(browser.driver().getCurrentUrl()).startsWith("http://127.0.0.1:" + servers.oidcProviderPort());
        browser.type("#username", person);
        browser.type("#password", OidcTestProvider.PASSWORD);
        browser.submit("button[type=submit]");
    }

    /** Both the index's and the provider's cookies gone (browsers keep cookies by host, and both are 127.0.0.1). */
    private static void freshBrowser() {
        browser.go("/login");
        browser.driver().manage().deleteAllCookies();
    }
}
