package io.wharf.index.directory;

import org.springframework.security.authentication.AuthenticationServiceException;

/** The directory could not be asked in time (down, slow, or misconfigured): a sign-in can neither pass nor fail. */
public class DirectoryUnavailableException extends AuthenticationServiceException {

    DirectoryUnavailableException(Throwable cause) {
        super("the company directory (LDAP) did not answer: sign-in with directory accounts is unavailable, try again "
                + "in a few minutes; local accounts and the administrator still sign in", cause);
    }
}
