package io.wharf.index.ui.repository;

import io.wharf.index.IndexProperties;
import io.wharf.index.api.ApiException;
import io.wharf.index.org.OrganizationService;
import io.wharf.index.org.OrganizationView;
import io.wharf.index.repository.CreateRepositoryRequest;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.repository.Visibility;
import io.wharf.index.security.Requester;
import io.wharf.index.security.Requesters;
import io.wharf.index.ui.site.FormChoices;
import io.wharf.index.ui.site.FormErrors;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /new}: creates a repository in the viewer's namespace or one of their organizations'. The form offers
 * the namespaces {@link RepositoryPermissions#mayCreateIn} allows; {@link RepositoryService#create} decides. The name
 * field holds the name within the chosen namespace; a name typed with that namespace in front is taken as meant.
 */
@Controller
public class NewRepositoryController {

    private final RepositoryService repositories;
    private final OrganizationService organizations;
    private final RepositoryPermissions permissions;
    private final Visibility defaultVisibility;

    public NewRepositoryController(RepositoryService repositories, OrganizationService organizations,
            RepositoryPermissions permissions, IndexProperties properties) {
        this.repositories = repositories;
        this.organizations = organizations;
        this.permissions = permissions;
        this.defaultVisibility = properties.defaultVisibility();
    }

    @GetMapping("/new")
    public String form(Requester requester, @RequestParam(defaultValue = "") String namespace, Model model) {
        return showForm(requester, namespace, "", defaultVisibility, model);
    }

    @PostMapping("/new")
    public String create(Requester requester, @RequestParam(defaultValue = "") String namespace,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String visibility,
            Model model, RedirectAttributes flash) {
        String fullName = namespace + "/" + withoutNamespace(namespace, name.strip());
        Visibility chosen = visibility.isEmpty() ? defaultVisibility : FormChoices.parse(Visibility.class, visibility);
        try {
            RepositoryView created = repositories.create(requester, new CreateRepositoryRequest(fullName, chosen));
            flash.addFlashAttribute("notice", "Created " + created.name() + ". Push to it with docker push.");
            return "redirect:" + RepositoryPageAddress.of(created.name(), "");
        } catch (ApiException refused) {
            // Also a namespace the viewer may not create in (403) is this form's error: the list offers only others.
            if (refused.status() == HttpStatus.UNAUTHORIZED) {
                throw refused;
            }
            model.addAttribute("formErrors", FormErrors.of(refused));
            return showForm(requester, namespace, name, chosen, model);
        }
    }

    private static String withoutNamespace(String namespace, String name) {
        String prefix = namespace + "/";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    private String showForm(Requester requester, String namespace, String name, Visibility visibility, Model model) {
        List<String> namespaces = namespaces(requester);
        model.addAttribute("namespaces", namespaces);
        model.addAttribute("namespace", namespaces.contains(namespace) ? namespace : namespaces.get(0));
        model.addAttribute("name", name);
        model.addAttribute("visibility", visibility);
        model.addAttribute("visibilities", Visibility.values());
        return "repository/new";
    }

    /** The viewer's own namespace, then the organizations they may create repositories in. */
    private List<String> namespaces(Requester requester) {
        List<String> namespaces = new ArrayList<>();
        namespaces.add(Requesters.requireUser(requester).username());
        organizations.list(requester).stream()
                .map(OrganizationView::name)
                .filter(organization -> permissions.mayCreateIn(requester, organization))
                .forEach(namespaces::add);
        return namespaces;
    }
}
