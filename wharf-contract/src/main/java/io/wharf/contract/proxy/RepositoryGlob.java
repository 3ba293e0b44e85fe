package io.wharf.contract.proxy;

import java.util.regex.Pattern;

/**
 * A pattern over repository names for a proxy's include and exclude lists: {@code *} matches within one path
 * component, {@code **} across components, everything else literally ({@code library/*}, {@code bitnami/**}).
 */
public final class RepositoryGlob {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._\\-/*]+");

    private RepositoryGlob() {
    }

    public static boolean isValid(String glob) {
        return problem(glob) == null;
    }

    /** Why {@code glob} is no pattern, or null when it is one. */
    public static String problem(String glob) {
        if (glob == null || glob.isEmpty()) {
            return "a pattern must not be empty";
        }
        if (!ALLOWED.matcher(glob).matches()) {
            return "'" + glob + "' may hold only lowercase letters, digits, '.', '_', '-', '/' and '*'";
        }
        if (glob.contains("***")) {
            return "'" + glob + "' has '***': use '*' within a path component or '**' across components";
        }
        return null;
    }

    public static boolean matches(String glob, String repositoryName) {
        return toRegex(glob).matcher(repositoryName).matches();
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (at < glob.length()) {
            if (glob.startsWith("**", at)) {
                regex.append(".*");
                at += 2;
            } else if (glob.charAt(at) == '*') {
                regex.append("[^/]*");
                at++;
            } else {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(at))));
                at++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
