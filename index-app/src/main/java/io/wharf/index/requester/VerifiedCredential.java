package io.wharf.index.requester;

import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.Requester;

/** The outcome of a successful authentication: who the requester is and what proved it. */
public record VerifiedCredential(Requester requester, CredentialSource source) {
}
