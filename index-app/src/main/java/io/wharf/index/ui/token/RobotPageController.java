package io.wharf.index.ui.token;

import io.wharf.index.accesstoken.AccessTokenScope;
import io.wharf.index.accesstoken.AccessTokenService;
import io.wharf.index.accesstoken.AccessTokenView;
import io.wharf.index.accesstoken.CreateAccessTokenRequest;
import io.wharf.index.accesstoken.CreateRobotRequest;
import io.wharf.index.accesstoken.RobotPermissionView;
import io.wharf.index.accesstoken.RobotService;
import io.wharf.index.accesstoken.RobotView;
import io.wharf.index.accesstoken.SetRobotPermissionsRequest;
import io.wharf.index.error.ApiException;
import io.wharf.index.org.OrganizationService;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.role.Role;
import io.wharf.index.ui.site.FormChoices;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import io.wharf.index.ui.site.FormValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Robot accounts of the namespaces the user manages (their own, and organizations they administer):
 * create, give roles on repositories, create tokens (shown once), revoke tokens, delete.
 */
@Controller
public class RobotPageController {

    private static final String PAGE = "token/robots";
    private static final String ROBOTS = "/settings/robots";
    private static final String BACK = "redirect:" + ROBOTS;

    private final RobotService robots;
    private final AccessTokenService accessTokens;
    private final OrganizationService organizations;
    private final RepositoryService repositories;
    private final FormValidator forms;

    public RobotPageController(RobotService robots, AccessTokenService accessTokens, OrganizationService organizations,
            RepositoryService repositories, FormValidator forms) {
        this.robots = robots;
        this.accessTokens = accessTokens;
        this.organizations = organizations;
        this.repositories = repositories;
        this.forms = forms;
    }

    /** One namespace's robots, with their tokens, and the namespace's repositories to give roles on. */
    public record NamespaceRobots(String namespace, List<RobotTokens> robots, List<String> repositories) {
    }

    public record RobotTokens(RobotView robot, String shortName, List<AccessTokenView> tokens) {
    }

    @GetMapping("/settings/robots")
    String robots(Requester requester, Model model) {
        return page(requester, model);
    }

    /** A refusal shows the page again with the errors next to the fields and the input kept. */
    @PostMapping("/settings/robots")
    String create(Requester requester, @RequestParam String namespace, @RequestParam String name,
            @RequestParam(required = false) String description, Model model, RedirectAttributes redirect) {
        try {
            robots.create(requester, namespace, forms.requireValid(new CreateRobotRequest(name.trim(), description)));
        } catch (ApiException refused) {
            if (FormOutcomes.refusesTheRequester(refused)) {
                throw refused;
            }
            model.addAttribute("formErrors", FormErrors.of(refused));
            model.addAttribute("robotNamespace", namespace);
            model.addAttribute("robotName", name);
            model.addAttribute("robotDescription", description);
            return page(requester, model);
        }
        redirect.addFlashAttribute("notice", "Robot " + namespace + "+" + name.trim()
                + " created. Give it roles and a token below.");
        return BACK;
    }

    /** Sets the robot's role on one repository ({@code role=none} takes it away), keeping its other roles. */
    @PostMapping("/settings/robots/{namespace}/{robot}/permissions")
    String setRole(Requester requester, @PathVariable String namespace, @PathVariable String robot,
            @RequestParam String repository, @RequestParam String role, RedirectAttributes redirect) {
        return FormOutcomes.attempt(redirect, ROBOTS, "The roles of " + namespace + "+" + robot + " are saved.", () -> {
            List<RobotPermissionView> others = robots.get(requester, namespace, robot).permissions().stream()
                    .filter(permission -> !permission.repository().equals(repository))
                    .toList();
            List<RobotPermissionView> permissions = "none".equals(role)
                    ? others
                    : Stream.concat(others.stream(), Stream.of(new RobotPermissionView(repository,
                            FormChoices.parse(Role.class, role)))).toList();
            robots.setPermissions(requester, namespace, robot, new SetRobotPermissionsRequest(permissions));
        });
    }

    /** Answers with the page itself, so that the secret is never stored (see the personal tokens page). */
    @PostMapping("/settings/robots/{namespace}/{robot}/tokens")
    String createToken(Requester requester, @PathVariable String namespace, @PathVariable String robot,
            @RequestParam String name, @RequestParam AccessTokenScope scope, Model model) {
        try {
            AccessTokenView created = accessTokens.create(requester, robots.tokenOwner(requester, namespace, robot),
                    forms.requireValid(new CreateAccessTokenRequest(name.trim(), scope, null)));
            model.addAttribute("created", created);
            model.addAttribute("createdFor", namespace + "+" + robot);
        } catch (ApiException refused) {
            if (FormOutcomes.refusesTheRequester(refused)) {
                throw refused;
            }
            model.addAttribute("tokenErrors", FormErrors.of(refused));
            model.addAttribute("tokenErrorsFor", namespace + "+" + robot);
            model.addAttribute("tokenName", name);
        }
        return page(requester, model);
    }

    @PostMapping("/settings/robots/{namespace}/{robot}/tokens/{id}/revoke")
    String revokeToken(Requester requester, @PathVariable String namespace, @PathVariable String robot,
            @PathVariable long id, RedirectAttributes redirect) {
        accessTokens.revoke(requester, robots.tokenOwner(requester, namespace, robot), id);
        redirect.addFlashAttribute("notice", "The token of " + namespace + "+" + robot + " is revoked.");
        return BACK;
    }

    @PostMapping("/settings/robots/{namespace}/{robot}/delete")
    String delete(Requester requester, @PathVariable String namespace, @PathVariable String robot,
            RedirectAttributes redirect) {
        robots.delete(requester, namespace, robot);
        redirect.addFlashAttribute("notice", "Robot " + namespace + "+" + robot + " and its tokens are deleted.");
        return BACK;
    }

    private String page(Requester requester, Model model) {
        List<NamespaceRobots> sections = new ArrayList<>();
        for (String namespace : managedNamespaces(requester)) {
            List<RobotTokens> robotTokens = robots.list(requester, namespace).stream()
                    .map(robot -> {
                        String shortName = robot.name().substring(namespace.length() + 1);
                        return new RobotTokens(robot, shortName,
                                accessTokens.list(robots.tokenOwner(requester, namespace, shortName)));
                    })
                    .toList();
            List<String> repositoryNames = repositories.list(requester, namespace).stream()
                    .map(RepositoryView::name)
                    .toList();
            sections.add(new NamespaceRobots(namespace, robotTokens, repositoryNames));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("roles", Role.values());
        return PAGE;
    }

    /** The user's own namespace and the organizations they administer. */
    private List<String> managedNamespaces(Requester requester) {
        UserRequester user = Requesters.requireUser(requester);
        return Stream.concat(Stream.of(user.username()), organizations.list(requester).stream()
                        .filter(organization -> organization.role() == Role.ADMIN)
                        .map(organization -> organization.name()))
                .toList();
    }
}
