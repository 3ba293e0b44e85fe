package io.wharf.registry.tag;

import java.util.regex.Pattern;

/**
 * A name pattern in configuration: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character; everything else literally.
 */
public final class Glob {

    private final String text;
    private final Pattern pattern;

    public Glob(String text) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
