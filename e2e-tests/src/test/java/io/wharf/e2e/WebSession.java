package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The index's web pages as a browser without JavaScript uses them, for tests that need no real browser: a cookie
 * jar (the session), form posts carrying the CSRF token of the page the form is on, redirects not followed.
 */
final class WebSession {

    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String baseUrl;
    private final HttpClient http;

    private WebSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static WebSession anonymous(WharfServers servers) {
        return new WebSession(servers.indexUrl());
    }

    /** Signs in through the login form; the index answers a good login with a redirect to the dashboard. */
    static WebSession signedIn(WharfServers servers, String username, String password) {
        WebSession session = anonymous(servers);
        HttpResponse<String> login = session.submit("/login", "/login", Map.of("username", username, "password", password));
        assertThat(login.statusCode()).as("login of " + username).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(URI.create(location).getPath()).isEqualTo("/"));
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** The page's HTML, which must answer 200. */
    String page(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Posts {@code fields} to {@code action} as the form on {@code formPage} does, with that page's CSRF token. */
    HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        Matcher token = CSRF.matcher(page(formPage));
        assertThat(token.find()).as("a CSRF token on " + formPage).isTrue();
        String body = "_csrf=" + encode(token.group(1)) + fields.entrySet().stream()
                .map(field -> "&" + encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining());
        return send(HttpRequest.newBuilder(URI.create(baseUrl + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
