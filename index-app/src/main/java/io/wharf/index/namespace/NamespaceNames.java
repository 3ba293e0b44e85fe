package io.wharf.index.namespace;

import io.wharf.index.error.ApiException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules for user and organization names (Docker Hub's: 4 to 30 lowercase letters and digits) and
 * the claiming of a name, which users and organizations share.
 */
@Service
public class NamespaceNames {

    public static final String RULE = "[a-z0-9]{4,30}";
    public static final String RULE_DESCRIPTION = "must be 4 to 30 lowercase letters and digits";

    private static final Pattern PATTERN = Pattern.compile(RULE);

    private final Namespaces namespaces;

    public NamespaceNames(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /**
     * Claims {@code name} for a new user or organization, in the caller's transaction.
     *
     * @throws ApiException 409 when a user or organization already holds the name
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Namespace claim(String name, NamespaceKind kind) {
        if (!isValid(name)) {
            throw ApiException.badRequest("name " + RULE_DESCRIPTION);
        }
        if (namespaces.existsById(name)) {
            throw ApiException.conflict("the name " + name + " is taken");
        }
        // A concurrent claim of the same name fails on the primary key at commit, answered 409 as well.
        return namespaces.save(new Namespace(name, kind));
    }
}
