package io.wharf.index.team;

import io.wharf.index.error.WireNames;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/** Where a directory user's groups come from, and how that source compares group names. */
public enum DirectorySource {
    /** An LDAP directory: groups are distinguished names, equal as LDAP compares them (case and spacing aside). */
    LDAP {
        @Override
        boolean sameGroup(String first, String second) {
            try {
                return new LdapName(first).equals(new LdapName(second));
            } catch (InvalidNameException notDistinguishedNames) {
                return first.equalsIgnoreCase(second);
            }
        }
    },
    /** An OpenID Connect provider: groups are the strings of its groups claim, compared exactly. */
    OIDC {
        @Override
        boolean sameGroup(String first, String second) {
            return first.equals(second);
        }
    };

    abstract boolean sameGroup(String first, String second);

    public String wireName() {
        return WireNames.of(this);
    }
}
