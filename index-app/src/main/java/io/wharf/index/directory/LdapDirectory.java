package io.wharf.index.directory;

import static org.springframework.ldap.query.LdapQueryBuilder.query;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.naming.InvalidNameException;
import javax.naming.directory.DirContext;
import javax.naming.ldap.LdapName;
import org.springframework.ldap.AuthenticationException;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.ContextMapper;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.support.LdapUtils;

/**
 * The LDAP directory, through Spring LDAP: user and group searches as the service account over pooled connections,
 * and binds as the user (never pooled) to check a password. Every value put into a filter is encoded (RFC 4515) by
 * {@link org.springframework.ldap.query.LdapQueryBuilder}, so a name such as {@code *} or {@code )(uid=*} finds only
 * an entry of exactly that name. Connects and reads are bounded by the configured timeouts.
 */
class LdapDirectory {

    /** Set by the ppolicy overlay on an entry its password policy locked. */
    private static final String LOCKED_ATTRIBUTE = "pwdAccountLockedTime";

    private final LdapProperties properties;
    private final LdapContextSource contextSource;
    private final LdapTemplate template;
    private final Optional<LdapName> disabledGroup;

    LdapDirectory(LdapProperties properties) {
        this.properties = properties;
        this.contextSource = new LdapContextSource();
        contextSource.setUrl(properties.url());
        contextSource.setBase(properties.baseDn());
        if (properties.bindDn().isBlank()) {
            contextSource.setAnonymousReadOnly(true);
        } else {
            contextSource.setUserDn(properties.bindDn());
            contextSource.setPassword(properties.bindPassword());
        }
        contextSource.setPooled(true);
        contextSource.setBaseEnvironmentProperties(Map.of(
                "com.sun.jndi.ldap.connect.timeout", Long.toString(properties.connectTimeout().toMillis()),
                "com.sun.jndi.ldap.read.timeout", Long.toString(properties.readTimeout().toMillis())));
        contextSource.afterPropertiesSet();
        this.template = new LdapTemplate(contextSource);
        template.setIgnorePartialResultException(true);
        this.disabledGroup = properties.disabledGroup().isBlank()
                ? Optional.empty()
                : Optional.of(LdapUtils.newLdapName(properties.disabledGroup()));
    }

    /** The user the name finds, if exactly one entry matches. */
    Optional<DirectoryUser> find(String name) {
        ContextMapper<DirectoryUser> toUser = context -> {
            DirContextAdapter entry = (DirContextAdapter) context;
            return new DirectoryUser(entry.getNameInNamespace(), entry.getStringAttribute(properties.usernameAttribute()),
                    entry.getStringAttribute(properties.emailAttribute()), entry.attributeExists(LOCKED_ATTRIBUTE));
        };
        List<DirectoryUser> found = ask(() -> template.search(query()
                .base(properties.userSearchBase())
                .countLimit(2)
                .attributes(properties.usernameAttribute(), properties.emailAttribute(), LOCKED_ATTRIBUTE)
                .filter(properties.userSearchFilter(), name), toUser));
        return found.size() == 1 && found.get(0).username() != null ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Whether the password is the user's: a bind as the user, on a connection of its own. */
    boolean passwordMatches(DirectoryUser user, String password) {
        if (password.isEmpty()) {
            // An empty password would be an unauthenticated bind, which LDAP servers accept for any name.
            return false;
        }
        return ask(() -> {
            try {
                DirContext context = contextSource.getContext(user.dn(), password);
                LdapUtils.closeContext(context);
                return true;
            } catch (AuthenticationException wrongPassword) {
                return false;
            }
        });
    }

    /** The DNs of the user's groups. */
    Set<String> groupsOf(DirectoryUser user) {
        ContextMapper<String> toDn = context -> ((DirContextAdapter) context).getNameInNamespace();
        return new HashSet<>(ask(() -> template.search(query()
                .base(properties.groupSearchBase())
                .attributes("objectClass")
                .filter(properties.groupSearchFilter(), user.dn()), toDn)));
    }

    /** Whether the directory keeps the user from signing in: locked by its password policy, or in the disabled group. */
    boolean disabled(DirectoryUser user, Set<String> groups) {
        return user.locked() || disabledGroup.map(disabled -> groups.stream().anyMatch(group -> sameName(disabled, group)))
                .orElse(false);
    }

    private static boolean sameName(LdapName name, String other) {
        try {
            return name.equals(new LdapName(other));
        } catch (InvalidNameException notADistinguishedName) {
            return false;
        }
    }

    private static <T> T ask(Supplier<T> question) {
        try {
            return question.get();
        } catch (NamingException failed) {
            throw new DirectoryUnavailableException(failed);
        }
    }
}
