package io.wharf.index.ui.admin;

import io.wharf.index.registry.LifecycleRules;
import io.wharf.index.registry.RegistryUnavailableException;
import io.wharf.index.registryadmin.RegistryAdministration;
import io.wharf.index.registryadmin.RegistryAdministration.UsageReading;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Administrators: the lifecycle rules the registry applies (retention, immutable tags, quotas with each named
 * namespace's usage). They are the registry's configuration, so the page shows them and names the settings; a
 * registry that fails or cannot be reached is the page's error message.
 */
@Controller
public class AdminLifecycleController {

    private final RegistryAdministration administration;

    public AdminLifecycleController(RegistryAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/lifecycle")
    String lifecycle(Requester requester, Model model) {
        Requesters.requireAdministrator(requester);
        try {
            LifecycleRules rules = administration.lifecycleRules(requester);
            Map<String, UsageReading> usage = new HashMap<>();
            rules.quotaBytes().keySet().forEach(namespace ->
                    administration.usage(requester, namespace).ifPresent(reading -> usage.put(namespace, reading)));
            model.addAttribute("rules", rules);
            model.addAttribute("quotas", new TreeMap<>(rules.quotaBytes()));
            model.addAttribute("usage", usage);
        } catch (RegistryUnavailableException unavailable) {
            model.addAttribute("error", "The lifecycle rules cannot be read now: " + unavailable.getMessage());
        }
        return "admin/lifecycle";
    }
}
