package io.wharf.index.ui.site;

import io.wharf.index.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a change a form asked for and tells the user how it went with a flash message on the next page: a refusal
 * that names fields as their {@link FormErrors} ({@code formErrors}, shown next to them), any other as the page's
 * {@code error}. A refusal because of who is asking (401: sign in; 403) is not a form error: it goes on to the error
 * pages.
 */
public final class FormOutcomes {

    private FormOutcomes() {
    }

    /** Runs the change; returns the redirect to {@code next}, with {@code notice} or the refusal's message. */
    public static String attempt(RedirectAttributes flash, String next, String notice, Runnable change) {
        return attempt(flash, next, next, notice, change);
    }

    /** Like {@link #attempt(RedirectAttributes, String, String, Runnable)}, going elsewhere after a refusal. */
    public static String attempt(RedirectAttributes flash, String next, String nextWhenRefused, String notice,
            Runnable change) {
        try {
            change.run();
        } catch (ApiException refused) {
            if (refusesTheRequester(refused)) {
                throw refused;
            }
            if (refused.problems().isEmpty()) {
                flash.addFlashAttribute("error", refused.getMessage());
            } else {
                flash.addFlashAttribute("formErrors", FormErrors.of(refused));
            }
            return "redirect:" + nextWhenRefused;
        }
        flash.addFlashAttribute("notice", notice);
        return "redirect:" + next;
    }

    /** Whether the refusal is about who is asking (401: sign in; 403), which the error pages answer, not the form. */
    public static boolean refusesTheRequester(ApiException refused) {
        return refused.status() == HttpStatus.UNAUTHORIZED || refused.status() == HttpStatus.FORBIDDEN;
    }
}
