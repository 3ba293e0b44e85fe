package io.wharf.index.accesstoken;

/** Whose access tokens are meant: a user's personal ones, or a robot's. */
public sealed interface TokenOwner {

    record OfAccount(long accountId) implements TokenOwner {
    }

    record OfRobot(long robotId) implements TokenOwner {
    }
}
