package io.wharf.index.ui.repository;

import io.wharf.index.error.ApiException;
import io.wharf.index.namespace.Namespace;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.Namespaces;
import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.registryadmin.RegistryAdministration;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /u/{namespace}}: a user's or an organization's repositories, those the viewer may see. */
@Controller
public class NamespacePageController {

    private final Namespaces namespaces;
    private final RepositoryService repositories;
    private final RepositoryPermissions permissions;
    private final RegistryAdministration administration;
    private final PullThroughCacheAdministration caches;
    private final RepositoryCards cards;

    public NamespacePageController(Namespaces namespaces, RepositoryService repositories,
            RepositoryPermissions permissions, RegistryAdministration administration,
            PullThroughCacheAdministration caches, RepositoryCards cards) {
        this.namespaces = namespaces;
        this.repositories = repositories;
        this.permissions = permissions;
        this.administration = administration;
        this.caches = caches;
        this.cards = cards;
    }

    @GetMapping("/u/{namespace}")
    public String namespace(Requester requester, @PathVariable String namespace, Model model) {
        Namespace found = namespaces.findById(namespace)
                .orElseThrow(() -> ApiException.notFound("no user or organization is named " + namespace));
        model.addAttribute("namespace", found.name());
        model.addAttribute("organization", found.kind() == NamespaceKind.ORGANIZATION);
        model.addAttribute("cacheMarks", found.kind() == NamespaceKind.PROXY ? caches.marks() : Map.of());
        model.addAttribute("repositories", cards.of(repositories.list(requester, namespace)));
        model.addAttribute("mayCreate", permissions.mayCreateIn(requester, namespace));
        model.addAttribute("usage", administration.usage(requester, namespace).orElse(null));
        return "repository/namespace";
    }
}
