package io.wharf.index.directory;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The directory accepted the password, but the user may not sign in: disabled in the directory, or no Wharf account
 * can be made for them. The message says why and what to do, which is safe to show: the password was right.
 */
public class DirectoryRefusal extends AccountStatusException {

    DirectoryRefusal(String message) {
        super(message);
    }
}
