package io.wharf.registry.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made a request: the subject ({@code sub}) of its verified token. Empty when the client is anonymous,
 * has not been authenticated (yet), or authentication is off.
 */
public final class Requester {

    private static final String ATTRIBUTE = Requester.class.getName() + ".name";

    private Requester() {
    }

    public static String nameOf(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String name ? name : "";
    }

    static void remember(HttpServletRequest request, String name) {
        request.setAttribute(ATTRIBUTE, name == null ? "" : name);
    }
}
