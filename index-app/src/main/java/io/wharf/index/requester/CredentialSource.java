package io.wharf.index.requester;

/**
 * The credential a request was authenticated with. Refresh tokens remember it, so that changing the
 * password or revoking the access token also ends the refresh tokens made from it.
 */
public sealed interface CredentialSource {

    record Password(long accountId) implements CredentialSource {
    }

    record AccessTokenSecret(long accessTokenId) implements CredentialSource {
    }
}
