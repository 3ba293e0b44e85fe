package io.wharf.index.ui.admin;

import io.wharf.index.reconcile.RegistryUnavailableException;
import io.wharf.index.registryadmin.RegistryAdministration;
import io.wharf.index.security.Requester;
import io.wharf.index.security.Requesters;
import io.wharf.index.ui.site.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administrators: the registry's garbage collection on demand, a dry run or the real thing, and its report. The real
 * thing deletes for good, so its form carries an "I understand" checkbox ({@code confirm}), checked here too: a
 * browser without HTML form validation, or a stray request, collects nothing. A registry that fails or cannot be
 * reached is the page's error message.
 */
@Controller
public class AdminGarbageCollectionController {

    private final RegistryAdministration administration;

    public AdminGarbageCollectionController(RegistryAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/gc")
    String page(Requester requester) {
        Requesters.requireAdministrator(requester);
        return "admin/gc";
    }

    /** Shows the report on the page itself: it is what this button was pressed for, and reloading asks again. */
    @PostMapping("/admin/gc")
    String collect(Requester requester, @RequestParam boolean dryRun,
            @RequestParam(defaultValue = "false") boolean confirm, Model model) {
        Requesters.requireAdministrator(requester);
        if (!dryRun && !confirm) {
            model.addAttribute("formErrors", FormErrors.none()
                    .add("confirm", "Nothing was collected: check \"I understand\" next to \"Collect now\" first."));
            return "admin/gc";
        }
        try {
            model.addAttribute("report", administration.collectGarbage(requester, dryRun));
        } catch (RegistryUnavailableException unavailable) {
            model.addAttribute("error", "The garbage collection did not run: " + unavailable.getMessage());
        }
        return "admin/gc";
    }
}
