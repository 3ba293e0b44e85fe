package io.wharf.index.ui.org;

import io.wharf.index.error.ApiException;
import io.wharf.index.org.CreateOrganizationRequest;
import io.wharf.index.org.OrganizationService;
import io.wharf.index.org.OrganizationView;
import io.wharf.index.registryadmin.RegistryAdministration;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.role.Role;
import io.wharf.index.ui.repository.RepositoryCards;
import io.wharf.index.ui.site.FormChoices;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Organizations: {@code /orgs} (the viewer's), {@code /orgs/new}, {@code /orgs/{name}} (members and
 * repositories; admins add members, change roles and remove them). {@link OrganizationService} decides who may
 * see and change what: members see an organization, its admins manage it.
 */
@Controller
public class OrganizationPagesController {

    private final OrganizationService organizations;
    private final RepositoryService repositories;
    private final RepositoryPermissions permissions;
    private final RegistryAdministration administration;
    private final RepositoryCards cards;

    public OrganizationPagesController(OrganizationService organizations, RepositoryService repositories,
            RepositoryPermissions permissions, RegistryAdministration administration, RepositoryCards cards) {
        this.organizations = organizations;
        this.repositories = repositories;
        this.permissions = permissions;
        this.administration = administration;
        this.cards = cards;
    }

    @GetMapping("/orgs")
    public String list(Requester requester, Model model) {
        model.addAttribute("organizations", organizations.list(requester));
        return "org/list";
    }

    @GetMapping("/orgs/new")
    public String form(Requester requester, Model model) {
        Requesters.requireUser(requester);
        model.addAttribute("name", "");
        return "org/new";
    }

    @PostMapping("/orgs/new")
    public String create(Requester requester, @RequestParam(defaultValue = "") String name, Model model,
            RedirectAttributes flash) {
        try {
            OrganizationView created = organizations.create(requester, new CreateOrganizationRequest(name.strip()));
            flash.addFlashAttribute("notice", "Created the organization " + created.name() + ".");
            return "redirect:/orgs/" + created.name();
        } catch (ApiException refused) {
            if (FormOutcomes.refusesTheRequester(refused)) {
                throw refused;
            }
            model.addAttribute("formErrors", FormErrors.of(refused));
            model.addAttribute("name", name);
            return "org/new";
        }
    }

    @GetMapping("/orgs/{name}")
    public String show(Requester requester, @PathVariable String name, Model model) {
        model.addAttribute("organization", organizations.get(requester, name));
        model.addAttribute("members", organizations.members(requester, name));
        model.addAttribute("repositories", cards.of(repositories.list(requester, name)));
        model.addAttribute("mayManage", permissions.mayManageNamespace(requester, name));
        model.addAttribute("mayCreate", permissions.mayCreateIn(requester, name));
        model.addAttribute("roles", Role.values());
        model.addAttribute("usage", administration.usage(requester, name).orElse(null));
        return "org/show";
    }

    /** Adds a member or changes a member's role. */
    @PostMapping("/orgs/{name}/members")
    public String putMember(Requester requester, @PathVariable String name,
            @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String role,
            RedirectAttributes flash) {
        String member = username.strip();
        // Typed again into the form that added them, if the user is refused.
        flash.addFlashAttribute("username", member);
        return FormOutcomes.attempt(flash, "/orgs/" + name, "Gave " + member + " the role " + role + ".",
                () -> organizations.putMember(requester, name, requireUsername(member), FormChoices.parse(Role.class, role)));
    }

    /** Removes a member; a member removing themselves leaves the organization. */
    @PostMapping("/orgs/{name}/members/remove")
    public String removeMember(Requester requester, @PathVariable String name,
            @RequestParam(defaultValue = "") String username, RedirectAttributes flash) {
        String member = username.strip();
        boolean leaving = member.equals(requester.name());
        return FormOutcomes.attempt(flash, leaving ? "/orgs" : "/orgs/" + name, "/orgs/" + name,
                leaving ? "You left " + name + "." : "Removed " + member + " from " + name + ".",
                () -> organizations.removeMember(requester, name, requireUsername(member)));
    }

    private static String requireUsername(String username) {
        if (username.isEmpty()) {
            throw ApiException.badRequest("Enter a username.").onField("username");
        }
        return username;
    }
}
