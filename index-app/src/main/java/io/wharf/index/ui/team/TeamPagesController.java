package io.wharf.index.ui.team;

import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.requester.Requester;
import io.wharf.index.role.Role;
import io.wharf.index.team.TeamRequest;
import io.wharf.index.team.TeamService;
import io.wharf.index.ui.site.FormChoices;
import io.wharf.index.ui.site.FormOutcomes;
import io.wharf.index.ui.site.FormValidator;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organization's "Teams" tab, {@code /orgs/{name}/teams}: members see the teams, admins create, change and delete
 * them and fill those that no directory group fills. {@link TeamService} decides who may do what.
 */
@Controller
public class TeamPagesController {

    private final TeamService teams;
    private final RepositoryPermissions permissions;
    private final FormValidator validator;

    public TeamPagesController(TeamService teams, RepositoryPermissions permissions, FormValidator validator) {
        this.teams = teams;
        this.permissions = permissions;
        this.validator = validator;
    }

    @GetMapping("/orgs/{name}/teams")
    public String show(Requester requester, @PathVariable String name, Model model) {
        model.addAttribute("organizationName", name);
        model.addAttribute("teams", teams.list(requester, name));
        model.addAttribute("mayManage", permissions.mayManageNamespace(requester, name));
        model.addAttribute("roles", Role.values());
        return "org/teams";
    }

    @PostMapping("/orgs/{name}/teams")
    public String create(Requester requester, @PathVariable String name, @RequestParam(defaultValue = "") String team,
            @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "false") boolean allRepositories,
            @RequestParam(defaultValue = "") String repositories, @RequestParam(defaultValue = "") String directoryGroup,
            RedirectAttributes flash) {
        String teamName = team.strip();
        return FormOutcomes.attempt(flash, page(name), "Created the team " + teamName + ".",
                () -> teams.create(requester, name,
                        validator.requireValid(request(teamName, role, allRepositories, repositories, directoryGroup))));
    }

    /** Changes a team's role, repositories and directory group. */
    @PostMapping("/orgs/{name}/teams/{team}")
    public String update(Requester requester, @PathVariable String name, @PathVariable String team,
            @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "false") boolean allRepositories,
            @RequestParam(defaultValue = "") String repositories, @RequestParam(defaultValue = "") String directoryGroup,
            RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, page(name), "Saved the team " + team + ".",
                () -> teams.update(requester, name, team, request(team, role, allRepositories, repositories, directoryGroup)));
    }

    @PostMapping("/orgs/{name}/teams/{team}/delete")
    public String delete(Requester requester, @PathVariable String name, @PathVariable String team,
            RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, page(name), "Deleted the team " + team + ".",
                () -> teams.delete(requester, name, team));
    }

    @PostMapping("/orgs/{name}/teams/{team}/members")
    public String addMember(Requester requester, @PathVariable String name, @PathVariable String team,
            @RequestParam(defaultValue = "") String username, RedirectAttributes flash) {
        String member = username.strip();
        return FormOutcomes.attempt(flash, page(name), "Added " + member + " to " + team + ".",
                () -> teams.addMember(requester, name, team, member));
    }

    @PostMapping("/orgs/{name}/teams/{team}/members/remove")
    public String removeMember(Requester requester, @PathVariable String name, @PathVariable String team,
            @RequestParam(defaultValue = "") String username, RedirectAttributes flash) {
        return FormOutcomes.attempt(flash, page(name), "Removed " + username + " from " + team + ".",
                () -> teams.removeMember(requester, name, team, username));
    }

    private static String page(String organization) {
        return "/orgs/" + organization + "/teams";
    }

    /** The form's fields as the REST API's body; repositories are written one per line or separated by commas. */
    private static TeamRequest request(String team, String role, boolean allRepositories, String repositories,
            String directoryGroup) {
        List<String> names = Arrays.stream(repositories.split("[,\\s]+")).filter(repository -> !repository.isBlank()).toList();
        return new TeamRequest(team, FormChoices.parse(Role.class, role), allRepositories, names, directoryGroup);
    }
}
