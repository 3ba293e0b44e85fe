package io.wharf.index.ui.site;

import io.wharf.index.api.ApiException;
import io.wharf.index.api.FieldProblem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of a submitted form, for the page that shows it again with the user's input: the messages about each
 * field, shown next to its input ({@code templates/site/forms.html}), and those about the form as a whole, shown
 * above it. Fields are named as in the service's request ({@code username}, {@code expiresAt}), so that any refusal
 * a service makes about a field (see {@link ApiException#onField}) lands next to it without more code here.
 * Every page has an empty one as {@code formErrors} ({@link ViewerModel}).
 */
public final class FormErrors implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    /** The refusal's messages: next to the fields it names, or about the whole form when it names none. */
    public static FormErrors of(ApiException refused) {
        FormErrors errors = new FormErrors();
        if (refused.problems().isEmpty()) {
            errors.general.add(refused.getMessage());
        }
        for (FieldProblem problem : refused.problems()) {
            errors.add(problem.field(), problem.message());
        }
        return errors;
    }

    /** One more message about {@code field}. */
    public FormErrors add(String field, String message) {
        List<String> messages = byField.computeIfAbsent(field, ignored -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
        return this;
    }

    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** The messages about one field, in the order they came. */
    public List<String> of(String field) {
        return byField.getOrDefault(field, List.of());
    }

    /** The messages about the form as a whole. */
    public List<String> general() {
        return general;
    }
}
