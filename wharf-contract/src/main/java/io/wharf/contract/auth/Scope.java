package io.wharf.contract.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and prints scopes in the grammar of the token specification ({@code docker-auth-scope.md}):
 *
 * <pre>
 * scope          := resourcescope [ ' ' resourcescope ]*
 * resourcescope  := resourcetype ":" resourcename ":" action [ ',' action ]*
 * resourcetype   := /[a-z0-9]+/ [ '(' /[a-z0-9]+/ ')' ]
 * resourcename   := [ hostname '/' ] component [ '/' component ]*
 * hostname       := hostcomponent [ '.' hostcomponent ]* [ ':' port-number ]
 * action         := /[a-z]*&#47;
 * </pre>
 *
 * <p>Two tolerances on top of the grammar: the action {@code *} (as in {@code registry:catalog:*}, which
 * CNCF Distribution asks for) and empty actions, which are dropped. The deprecated resource class
 * ({@code repository(plugin)}) is accepted and removed, because the specification says a class must
 * not change authorization and must not be returned in tokens.
 */
public final class Scope {

    /** Longest resource name accepted; as long as the longest repository name a registry serves. */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Pattern RESOURCE_TYPE = Pattern.compile("([a-z0-9]+)(?:\\([a-z0-9]+\\))?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOSTNAME = Pattern.compile(
            "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    private static final Pattern ACTION = Pattern.compile("[a-z]+|\\*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Scope() {
    }

    /**
     * Parses a space separated list of resource scopes, as in the {@code scope} field of the OAuth2 POST.
     * A blank list is valid and asks for no access (as {@code docker login} does).
     */
    public static List<AccessEntry> parse(String scopeList) {
        return parseAll(scopeList == null ? List.of() : List.of(scopeList));
    }

    /**
     * Parses repeated {@code scope} parameters (the GET form), each of which may itself be a list. Entries
     * for the same resource are merged into one with the union of their actions, in first-seen order.
     */
    public static List<AccessEntry> parseAll(Collection<String> scopeParameters) {
        Map<String, AccessEntry> merged = new LinkedHashMap<>();
        for (String parameter : scopeParameters) {
            if (parameter == null || parameter.isBlank()) {
                continue;
            }
            for (String resourceScope : WHITESPACE.split(parameter.strip())) {
                AccessEntry entry = parseResourceScope(resourceScope);
                merged.merge(entry.type() + ":" + entry.name(), entry, Scope::union);
            }
        }
        return List.copyOf(merged.values());
    }

    /** Parses one resource scope such as {@code repository:team/app:pull,push}. */
    public static AccessEntry parseResourceScope(String resourceScope) {
        // The name may hold one ':' (a registry host's port), so the type ends at the first ':' and the
        // actions start after the last one.
        int typeEnd = resourceScope.indexOf(':');
        int actionsStart = resourceScope.lastIndexOf(':') + 1;
        if (typeEnd < 0 || actionsStart - 1 == typeEnd) {
            throw new InvalidScopeException(resourceScope, "expected type:name:actions");
        }
        String type = resourceType(resourceScope, resourceScope.substring(0, typeEnd));
        String name = resourceScope.substring(typeEnd + 1, actionsStart - 1);
        if (!isValidResourceName(name)) {
            throw new InvalidScopeException(resourceScope, "invalid resource name");
        }
        return new AccessEntry(type, name, actions(resourceScope, resourceScope.substring(actionsStart)));
    }

    /** Space separated scopes of the entries that hold at least one action, as an OAuth2 {@code scope} answer. */
    public static String format(Collection<AccessEntry> entries) {
        return entries.stream()
                .filter(entry -> !entry.actions().isEmpty())
                .map(AccessEntry::toScope)
                .collect(Collectors.joining(" "));
    }

    private static String resourceType(String resourceScope, String candidate) {
        var matcher = RESOURCE_TYPE.matcher(candidate);
        if (!matcher.matches()) {
            throw new InvalidScopeException(resourceScope, "invalid resource type");
        }
        return matcher.group(1);
    }

    private static boolean isValidResourceName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean mayBeHost = i == 0 && segments.length > 1;
            boolean valid = COMPONENT.matcher(segments[i]).matches()
                    || (mayBeHost && HOSTNAME.matcher(segments[i]).matches());
            if (!valid) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> actions(String resourceScope, String actionList) {
        Set<String> actions = new TreeSet<>();
        for (String action : actionList.split(",", -1)) {
            if (action.isEmpty()) {
                continue;
            }
            if (!ACTION.matcher(action).matches()) {
                throw new InvalidScopeException(resourceScope, "invalid action \"" + action + "\"");
            }
            actions.add(action);
        }
        return actions;
    }

    private static AccessEntry union(AccessEntry first, AccessEntry second) {
        List<String> actions = new ArrayList<>(first.actions());
        actions.addAll(second.actions());
        return first.withActions(actions);
    }
}
