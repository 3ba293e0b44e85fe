package io.wharf.index.requester;


/**
 * A signed-in user, with a password or with one of their access tokens.
 *
 * @param emailConfirmationPending the index requires confirmed email addresses for pushing and this
 *     user's is not confirmed yet
 * @param readOnly signed in with a read-only access token
 */
public record UserRequester(
        long accountId, String username, boolean administrator, boolean emailConfirmationPending, boolean readOnly)
        implements Requester {

    @Override
    public String name() {
        return username;
    }
}
