package io.wharf.index.ui.site;

import io.wharf.index.requester.UserRequester;
import io.wharf.index.security.RequesterAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who looks at a page, as the layout shows it: the model attribute {@code viewer}, null when anonymous.
 *
 * @param emailConfirmationPending the account must confirm its email address before it may push
 */
public record Viewer(long accountId, String username, boolean administrator, boolean emailConfirmationPending) {

    /** The signed-in user of the current request, or null. */
    public static Viewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof RequesterAuthentication signedIn && signedIn.requester() instanceof UserRequester user) {
            return new Viewer(user.accountId(), user.username(), user.administrator(), user.emailConfirmationPending());
        }
        return null;
    }
}
