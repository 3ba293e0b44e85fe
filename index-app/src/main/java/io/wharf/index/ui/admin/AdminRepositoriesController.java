package io.wharf.index.ui.admin;

import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import io.wharf.index.ui.site.PageNumbers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Administrators: every repository, private ones too, filtered by name or description, a page at a time. */
@Controller
public class AdminRepositoriesController {

    static final int PAGE_SIZE = 50;

    private final RepositoryService repositories;

    public AdminRepositoriesController(RepositoryService repositories) {
        this.repositories = repositories;
    }

    @GetMapping("/admin/repositories")
    String repositories(Requester requester, @RequestParam(defaultValue = "") String filter,
            @RequestParam(defaultValue = "1") String page, Model model) {
        model.addAttribute("filter", filter.strip());
        model.addAttribute("repositories",
                repositories.listAll(requester, filter, PageNumbers.parse(page) - 1, PAGE_SIZE));
        return "admin/repositories";
    }
}
