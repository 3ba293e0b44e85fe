package io.wharf.index.oidc;

/** An account's identity at an OpenID Connect provider: the provider's issuer and its {@code sub} for the person. */
record ExternalIdentity(long id, long accountId, String issuer, String subject) {
}
