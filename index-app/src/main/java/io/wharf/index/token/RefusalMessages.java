package io.wharf.index.token;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.auth.AccessRefusal;
import io.wharf.contract.auth.AccessRefusal.Reason;
import io.wharf.contract.name.RepositoryName;
import io.wharf.contract.proxy.ProxyNames;
import io.wharf.index.account.PublicUrl;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.repository.AccessFacts.Cache;
import io.wharf.index.repository.CacheNamespaces;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.RobotRequester;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.role.RepositoryAction;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The one line a refused registry client shows (after {@code denied:}), for each {@link Reason}: what was refused,
 * why, and what to do next. No message tells more than the requester may know: a repository they may not see reads
 * the same whether it exists or not.
 */
@Component
class RefusalMessages {

    private final PublicUrl publicUrl;
    private final CacheNamespaces caches;

    RefusalMessages(PublicUrl publicUrl, CacheNamespaces caches) {
        this.publicUrl = publicUrl;
        this.caches = caches;
    }

    AccessRefusal refusal(Requester requester, String requestedName, RepositoryPath path, Reason reason,
            Set<RepositoryAction> refused) {
        return new AccessRefusal(AccessEntry.REPOSITORY, requestedName, reason,
                message(requester, path, reason, actions(refused)));
    }

    /** A name whose first component cannot be a user or organization name. */
    AccessRefusal invalidNamespace(String requestedName) {
        return new AccessRefusal(AccessEntry.REPOSITORY, requestedName, Reason.NAMESPACE_UNKNOWN,
                "no user or organization can own " + requestedName + ": the namespace (the part before the first /) "
                        + NamespaceNames.RULE_DESCRIPTION);
    }

    private String message(Requester requester, RepositoryPath path, Reason reason, String actions) {
        String name = path.fullName();
        return switch (reason) {
            case LOCKED -> "the account " + path.namespace() + " is locked, and its robots with it; ask an administrator";
            case NAMESPACE_UNKNOWN -> "namespace " + path.namespace() + " does not exist: push under your own name"
                    + ownName(requester, path) + " or create the organization " + path.namespace() + " first";
            case TOP_LEVEL -> path.name() + " is a top-level repository (" + name + "): only administrators and writers"
                    + " of the organization " + RepositoryName.OFFICIAL_NAMESPACE + " may push it; push under your"
                    + " own name" + ownName(requester, path) + " instead";
            case EMAIL_UNCONFIRMED -> requester instanceof RobotRequester
                    ? "the owner of " + path.namespace() + " has not confirmed their email address yet, so its robots"
                            + " may only pull"
                    : "confirm your email address before you " + actions + ": open the link mailed to you, or send a"
                            + " new one from " + publicUrl.of("/settings/profile");
            case READ_ONLY_TOKEN -> "this is a read-only access token, it may only pull: log in with a read-write"
                    + " token or your password to " + actions;
            case INSUFFICIENT_ROLE -> requester instanceof RobotRequester robot
                    ? "robot " + robot.fullName() + " may not " + actions + " " + name + ": give it a permission that"
                            + " does at " + publicUrl.of("/settings/robots")
                    : "your role on " + name + " does not allow " + actions + ": ask an administrator of "
                            + path.namespace() + " for a stronger role";
            case NO_ACCESS -> noAccess(requester, name, actions);
            case PULL_THROUGH_CACHE -> ProxyNames.pushRefusal(path.namespace(),
                    caches.ofNamespace(path.namespace()).map(Cache::upstream).orElse("another registry"));
        };
    }

    private static String noAccess(Requester requester, String name, String actions) {
        if (requester instanceof Requester.Anonymous) {
            return "log in first (docker login) to " + actions + " " + name
                    + "; without a login only public repositories can be pulled";
        }
        return actions.equals(AccessEntry.PULL)
                ? "repository " + name + " does not exist, or you may not pull it"
                : "you may not " + actions + " " + name + ": ask an administrator of its namespace for access";
    }

    /** {@code " (alice/app)"}: the same repository in the requester's own namespace, when they have one. */
    private static String ownName(Requester requester, RepositoryPath path) {
        return requester instanceof UserRequester user ? " (" + user.username() + "/" + path.name() + ")" : "";
    }

    private static String actions(Set<RepositoryAction> refused) {
        return refused.stream().map(RepositoryAction::scopeName).collect(Collectors.joining(" or "));
    }
}
