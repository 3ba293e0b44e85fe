package io.wharf.index.ui.site;

import io.wharf.index.security.WebAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A form refused for its CSRF token (see {@link WebAccessDenied}): the session it belonged to has ended. The page
 * says so, shows what the form carried (secrets left out) so nothing typed is lost, and links to the login, which
 * then comes back to the form's page.
 */
@Controller
public class SessionExpiredController {

    /** Fields never shown back: the CSRF token and anything secret. */
    private static final String[] SECRET_FIELDS = {"_csrf", "password", "secret", "token"};

    @RequestMapping(WebAccessDenied.SESSION_EXPIRED_PAGE)
    String sessionExpired(HttpServletRequest request, Model model) {
        Object returnTo = request.getAttribute(WebAccessDenied.RETURN_TO);
        model.addAttribute("returnTo", returnTo instanceof String path ? path : "/");
        model.addAttribute("entered", enteredFields(request.getParameterMap()));
        return "error/session-expired";
    }

    private static Map<String, String> enteredFields(Map<String, String[]> parameters) {
        Map<String, String> entered = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String secret : SECRET_FIELDS) {
                if (lower.contains(secret)) {
                    return;
                }
            }
            String value = String.join(", ", values);
            if (!value.isBlank()) {
                entered.put(name, value);
            }
        });
        return entered;
    }
}
