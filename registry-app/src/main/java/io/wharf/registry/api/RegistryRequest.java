package io.wharf.registry.api;

import io.wharf.contract.name.InvalidRepositoryNameException;
import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

/** A request to the distribution API, with the repository name and reference taken out of its path. */
record RegistryRequest(Route route, String method, RepositoryName name, String reference,
        HttpServletRequest servlet) {

    static RegistryRequest of(HttpServletRequest servlet) {
        String path = servlet.getRequestURI().substring(servlet.getContextPath().length());
        for (Route route : Route.values()) {
            Matcher matcher = route.matcher(path);
            if (matcher.matches()) {
                return new RegistryRequest(route, servlet.getMethod(),
                        route.hasName() ? parseName(matcher.group("name")) : null,
                        route.hasReference() ? decode(matcher.group("reference")) : null,
                        servlet);
            }
        }
        throw new RegistryException(ErrorCode.UNSUPPORTED, HttpStatus.NOT_FOUND,
                "no such endpoint in the distribution API: " + path, null);
    }

    static RepositoryName parseName(String raw) {
        try {
            return new RepositoryName(raw);
        } catch (InvalidRepositoryNameException invalid) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name: " + raw,
                    Map.of("name", raw));
        }
    }

    /**
     * Percent-decodes a path segment or parameter. A broken escape is kept verbatim: the value then fails
     * its own validation (digest, tag, number) with the error that belongs to it.
     */
    private static String decode(String raw) {
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            return raw;
        }
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    String header(String name) {
        return servlet.getHeader(name);
    }

    /**
     * A query parameter, read from the query string only: the servlet container's getParameter would
     * consume a form-encoded request body, which here is blob content.
     */
    String parameter(String name) {
        List<String> values = parameters(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated query parameter, in order (read like {@link #parameter}). */
    List<String> parameters(String name) {
        String query = servlet.getQueryString();
        if (query == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    /** Base of this repository's URLs, e.g. {@code /v2/team/app}. */
    String repositoryPath() {
        return "/v2/" + name.value();
    }

    RegistryException unsupportedMethod() {
        return new RegistryException(ErrorCode.UNSUPPORTED,
                method + " is not supported on " + route.name().toLowerCase() + " endpoints");
    }
}
