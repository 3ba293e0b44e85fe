package io.wharf.index.ui.site;

import io.wharf.index.org.OrganizationService;
import io.wharf.index.org.OrganizationView;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.requester.Requester;
import io.wharf.index.ui.repository.RepositoryCards;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page: for visitors a welcome with recently pushed public repositories; for signed-in users
 * the dashboard (their repositories, their organizations, recent pushes to repositories they may see).
 */
@Controller
public class HomeController {

    /** How many recently pushed repositories the start page lists. */
    static final int RECENT = 10;

    private final RepositoryService repositories;
    private final OrganizationService organizations;
    private final RepositoryCards cards;

    public HomeController(RepositoryService repositories, OrganizationService organizations, RepositoryCards cards) {
        this.repositories = repositories;
        this.organizations = organizations;
        this.cards = cards;
    }

    @GetMapping("/")
    String home(Requester requester, Model model) {
        model.addAttribute("recentPushes", cards.of(repositories.recentlyPushed(requester, RECENT).content().stream()
                .filter(repository -> repository.lastPushedAt() != null)
                .toList()));
        Viewer viewer = Viewer.current();
        if (viewer == null) {
            return "site/home";
        }
        List<RepositoryView> visible = repositories.list(requester, null);
        List<OrganizationView> myOrganizations = organizations.list(requester);
        // Their own namespace's and those of the organizations they belong to: the repositories they work on.
        Set<String> myNamespaces = new HashSet<>();
        myNamespaces.add(viewer.username());
        myOrganizations.stream()
                .filter(organization -> organization.role() != null)
                .forEach(organization -> myNamespaces.add(organization.name()));
        model.addAttribute("myRepositories", cards.of(visible.stream()
                .filter(repository -> myNamespaces.contains(repository.namespace()))
                .toList()));
        model.addAttribute("organizations", myOrganizations);
        return "site/dashboard";
    }
}
