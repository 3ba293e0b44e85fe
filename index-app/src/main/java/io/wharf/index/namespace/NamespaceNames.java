package io.wharf.index.namespace;

import io.wharf.contract.name.RepositoryName;
import io.wharf.index.error.ApiException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules for user and organization names (Docker Hub's: 4 to 30 lowercase letters and digits, none of the
 * {@link #RESERVED} ones) and the claiming of a name, which users and organizations share: sign-up, the REST API and
 * the administrators' API all claim through here.
 */
@Service
public class NamespaceNames {

    public static final String RULE = "[a-z0-9]{4,30}";
    public static final String RULE_DESCRIPTION = "must be 4 to 30 lowercase letters and digits";

    private static final Pattern PATTERN = Pattern.compile(RULE);

    /**
     * Names nobody may take: the top-level repositories' namespace ({@link RepositoryName#OFFICIAL_NAMESPACE}, held by
     * the built-in organization), the first path segments of the index's and the registry's addresses (an account
     * called {@code settings} would own {@code /u/settings} beside the settings pages, and a repository
     * {@code v2/...} is confusing at best), and names that look like the system's own. Those shorter than four
     * characters cannot be taken anyway; they are listed so that the list stays right if the length rule changes.
     */
    public static final Set<String> RESERVED = Set.of(
            RepositoryName.OFFICIAL_NAMESPACE, "root", "admin", "administrator", "administrators", "api", "v1", "v2",
            "settings", "login", "logout", "signup", "explore", "search", "orgs", "static", "css", "images", "new",
            "password", "actuator", "token", "tokens", "robot", "robots", "help", "about", "docker", "registry",
            "index", "wharf", "system", "official", "anonymous", "nobody", "u", "r");

    private final Namespaces namespaces;

    public NamespaceNames(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    /**
     * Claims {@code name} for a new user or organization, in the caller's transaction.
     *
     * @throws ApiException 400 when the name breaks the rule or is reserved, 409 when a user or organization already
     *     holds it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Namespace claim(String name, NamespaceKind kind) {
        if (isReserved(name)) {
            throw ApiException.badRequest("the name " + name + " is reserved by Wharf (it names one of its own pages,"
                    + " paths or built-in organizations); choose another one");
        }
        return claimBuiltIn(name, kind);
    }

    /**
     * {@link #claim} without the reserved list, for what Wharf itself creates: the bootstrap administrator (by
     * default {@code admin}) and the built-in {@link RepositoryName#OFFICIAL_NAMESPACE} organization.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Namespace claimBuiltIn(String name, NamespaceKind kind) {
        if (!isValid(name)) {
            throw ApiException.badRequest("name " + RULE_DESCRIPTION);
        }
        if (namespaces.existsById(name)) {
            throw ApiException.conflict("the name " + name + " is taken");
        }
        // A concurrent claim of the same name fails on the primary key, answered 409 as well.
        return namespaces.save(new Namespace(name, kind));
    }
}
