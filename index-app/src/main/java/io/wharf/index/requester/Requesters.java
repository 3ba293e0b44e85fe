package io.wharf.index.requester;

import io.wharf.index.error.ApiException;

/** Common checks of who is asking, answered the same way everywhere. */
public final class Requesters {

    private Requesters() {
    }

    /** The signed-in user; anonymous clients are asked to authenticate, robots are refused. */
    public static UserRequester requireUser(Requester requester) {
        if (requester instanceof UserRequester user) {
            return user;
        }
        if (requester instanceof RobotRequester) {
            throw ApiException.forbidden("robot accounts can only push and pull");
        }
        throw ApiException.authenticationRequired();
    }

    public static void requireAdministrator(Requester requester) {
        if (!requireUser(requester).administrator()) {
            throw ApiException.forbidden("only administrators may do this");
        }
    }

    /** A refusal: 401 for an anonymous client (signing in might help), 403 for everyone else. */
    public static ApiException denied(Requester requester, String message) {
        return requester instanceof Requester.Anonymous ? ApiException.authenticationRequired() : ApiException.forbidden(message);
    }
}
