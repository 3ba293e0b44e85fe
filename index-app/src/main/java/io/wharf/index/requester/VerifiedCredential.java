package io.wharf.index.requester;


/** The outcome of a successful authentication: who the requester is and what proved it. */
public record VerifiedCredential(Requester requester, CredentialSource source) {
}
