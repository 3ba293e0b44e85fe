package io.wharf.index.ui.admin;

import io.wharf.index.registry.RegistryUnavailableException;
import io.wharf.index.registryadmin.RegistryAdministration;
import io.wharf.index.requester.Requester;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Administrators: the registry's audit log, newest first, of one repository or all, a page at a time. */
@Controller
public class AdminAuditController {

    private final RegistryAdministration administration;

    public AdminAuditController(RegistryAdministration administration) {
        this.administration = administration;
    }

    /** {@code before}: the id below which the page starts (the "older entries" link); none for the newest. */
    @GetMapping("/admin/audit")
    String audit(Requester requester, @RequestParam(defaultValue = "") String repository,
            @RequestParam(required = false) Long before, Model model) {
        model.addAttribute("repository", repository.strip());
        try {
            model.addAttribute("page", administration.audit(requester, repository, before));
        } catch (RegistryUnavailableException unavailable) {
            model.addAttribute("error", "The audit log cannot be read now: " + unavailable.getMessage());
        }
        return "admin/audit";
    }
}
