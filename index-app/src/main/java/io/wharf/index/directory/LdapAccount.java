package io.wharf.index.directory;

import java.time.Instant;

/** An account the LDAP directory signs in, and when the directory last confirmed the user may still sign in. */
record LdapAccount(long accountId, Instant checkedAt) {
}
