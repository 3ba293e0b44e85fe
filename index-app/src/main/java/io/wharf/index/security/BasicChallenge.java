package io.wharf.index.security;

/** The {@code WWW-Authenticate} challenge of every 401 the index sends. */
public final class BasicChallenge {

    public static final String HEADER_VALUE = "Basic realm=\"wharf\"";

    private BasicChallenge() {
    }
}
