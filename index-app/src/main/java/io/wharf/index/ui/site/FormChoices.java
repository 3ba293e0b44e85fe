package io.wharf.index.ui.site;

import io.wharf.index.error.ApiException;
import io.wharf.index.error.WireNames;

/** Reads a choice a form sent (a role, a visibility) by its wire name; anything else is a bad request. */
public final class FormChoices {

    private FormChoices() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String wireName) {
        try {
            return WireNames.parse(type, wireName);
        } catch (IllegalArgumentException unknown) {
            throw ApiException.badRequest(unknown.getMessage());
        }
    }
}
