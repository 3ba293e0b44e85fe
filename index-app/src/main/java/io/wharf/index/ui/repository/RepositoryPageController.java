package io.wharf.index.ui.repository;

import io.wharf.index.error.ApiException;
import io.wharf.index.image.SignedManifests;
import io.wharf.index.proxycache.PullThroughCacheAdministration;
import io.wharf.index.registry.RegistryUnavailableException;
import io.wharf.index.repository.CollaboratorView;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.repository.TagPage;
import io.wharf.index.repository.TagView;
import io.wharf.index.repository.UpdateRepositoryRequest;
import io.wharf.index.repository.Visibility;
import io.wharf.index.requester.Requester;
import io.wharf.index.role.RepositoryAction;
import io.wharf.index.role.Role;
import io.wharf.index.repository.DockerCommands;
import io.wharf.index.ui.site.FormChoices;
import io.wharf.index.ui.site.FormErrors;
import io.wharf.index.ui.site.FormOutcomes;
import io.wharf.index.ui.site.FormValidator;
import io.wharf.index.ui.webhook.WebhookPages;
import io.wharf.index.webhook.WebhookOwner;
import io.wharf.web.markdown.MarkdownRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A repository's page and its settings, below {@code /r/} (see {@link RepositoryPageAddress} for the
 * addresses). Every read and change goes through {@link RepositoryService} with the viewer's requester, which
 * decides: a repository the viewer may not see is 404, settings of a repository they do not administer 403.
 */
@Controller
public class RepositoryPageController {

    /** Enough to find a tag by eye; a repository may hold thousands. */
    static final int TAGS_PER_PAGE = 25;

    private final RepositoryService repositories;
    private final RepositoryPermissions permissions;
    private final MarkdownRenderer markdown;
    private final DockerCommands dockerCommands;
    private final FormValidator forms;
    private final ManifestPages manifestPages;
    private final SignedManifests signedManifests;
    private final WebhookPages webhookPages;
    private final PullThroughCacheAdministration caches;
    private final PageFormats formats;

    public RepositoryPageController(RepositoryService repositories, RepositoryPermissions permissions,
            MarkdownRenderer markdown, DockerCommands dockerCommands, FormValidator forms, ManifestPages manifestPages,
            SignedManifests signedManifests, WebhookPages webhookPages, PullThroughCacheAdministration caches,
            PageFormats formats) {
        this.formats = formats;
        this.manifestPages = manifestPages;
        this.webhookPages = webhookPages;
        this.signedManifests = signedManifests;
        this.caches = caches;
        this.repositories = repositories;
        this.permissions = permissions;
        this.markdown = markdown;
        this.dockerCommands = dockerCommands;
        this.forms = forms;
    }

    @GetMapping("/r/{*target}")
    public String get(Requester requester, @PathVariable String target, @RequestParam Map<String, String> query,
            Model model) {
        RepositoryPageAddress address = RepositoryPageAddress.parse(target);
        return switch (address.action()) {
            case "" -> repositoryPage(requester, address.repository(), TagListQuery.of(query), model);
            case "settings" -> settingsPage(requester, address.repository(), null, model);
            case "webhooks" -> webhookPages.list(requester, WebhookOwner.of(address.repository()), null, null, model);
            default -> manifestPages.get(requester, address, model);
        };
    }

    @PostMapping("/r/{*target}")
    public String post(Requester requester, @PathVariable String target, @RequestParam Map<String, String> form,
            Model model, RedirectAttributes flash) {
        RepositoryPageAddress address = RepositoryPageAddress.parse(target);
        RepositoryPath path = address.repository();
        String settings = address.page("settings");
        String username = form.getOrDefault("username", "").strip();
        return switch (address.action()) {
            case "star" -> FormOutcomes.attempt(flash, address.page(""), "Starred " + path + ".",
                    () -> repositories.star(requester, path));
            case "unstar" -> FormOutcomes.attempt(flash, address.page(""), "Removed your star from " + path + ".",
                    () -> repositories.unstar(requester, path));
            case "settings/descriptions" -> descriptions(requester, path, form, model, flash);
            case "settings/visibility" -> FormOutcomes.attempt(flash, settings, "Saved the visibility.",
                    () -> repositories.update(requester, path, new UpdateRepositoryRequest(
                            FormChoices.parse(Visibility.class, form.getOrDefault("visibility", "")), null, null)));
            // The typed username goes back into the form that added them, if they are refused.
            case "settings/collaborators" -> FormOutcomes.attempt(flash.addFlashAttribute("username", username),
                    settings, "Gave " + username + " the role " + form.getOrDefault("role", "") + ".",
                    () -> repositories.putCollaborator(requester, path, requireUsername(username),
                            FormChoices.parse(Role.class, form.getOrDefault("role", ""))));
            case "settings/collaborators/remove" -> FormOutcomes.attempt(flash, settings,
                    "Removed " + username + " from the collaborators.",
                    () -> repositories.removeCollaborator(requester, path, requireUsername(username)));
            case "delete" -> delete(requester, path, form.getOrDefault("confirmation", ""), flash);
            default -> manifestPages.delete(requester, address, form, flash);
        };
    }

    private String repositoryPage(Requester requester, RepositoryPath path, TagListQuery query, Model model) {
        RepositoryView repository = repositories.get(requester, path);
        TagPage tags = repositories.tagPage(requester, path, query.filter(), query.order(), query.cursor(),
                TAGS_PER_PAGE);
        // The pull command names no tag when latest exists; only without it does it need the newest tag.
        boolean hasLatest = repositories.tag(requester, path, "latest").isPresent();
        Optional<TagView> newest = hasLatest ? Optional.empty() : repositories.newestTag(requester, path);
        model.addAttribute("repository", repository);
        model.addAttribute("tags", tags);
        model.addAttribute("tagQuery", query);
        model.addAttribute("hasTags", hasLatest || newest.isPresent());
        Set<String> signed = signed(path, tags);
        model.addAttribute("tagRows", tags.tags().stream()
                .map(tag -> TagRow.of(tag, repository.name(), signed.contains(tag.digest()), formats, dockerCommands))
                .toList());
        model.addAttribute("pullCommand", dockerCommands.pull(repository.name(),
                hasLatest ? null : newest.map(TagView::name).orElse(null)));
        model.addAttribute("registryHost", dockerCommands.registryHost());
        model.addAttribute("descriptionHtml", markdown.render(repository.fullDescription()));
        model.addAttribute("mayAdminister", permissions.mayAdminister(requester, path));
        model.addAttribute("mayDelete", permissions.allowedActions(requester, path).contains(RepositoryAction.DELETE));
        model.addAttribute("pageAddress", RepositoryPageAddress.of(repository.name(), ""));
        model.addAttribute("cacheMark", caches.markOf(path.namespace()).orElse(null));
        return "repository/show";
    }

    /** The digests of the page that a signature refers to; none when the registry cannot say now. */
    private Set<String> signed(RepositoryPath path, TagPage tags) {
        try {
            return signedManifests.signed(path, tags.tags().stream().map(TagView::digest).toList());
        } catch (RegistryUnavailableException unavailable) {
            return Set.of();
        }
    }

    /**
     * The settings page; {@code draft} holds descriptions being previewed (then the page shows them and their
     * rendering instead of the stored ones).
     */
    private String settingsPage(Requester requester, RepositoryPath path, UpdateRepositoryRequest draft, Model model) {
        // Asked first: it refuses anyone who does not administer the repository.
        List<CollaboratorView> collaborators = repositories.collaborators(requester, path);
        RepositoryView repository = repositories.get(requester, path);
        String shortDescription = draft == null ? repository.shortDescription() : draft.shortDescription();
        String fullDescription = draft == null ? repository.fullDescription() : draft.fullDescription();
        model.addAttribute("repository", repository);
        model.addAttribute("collaborators", collaborators);
        model.addAttribute("roles", Role.values());
        model.addAttribute("visibilities", Visibility.values());
        model.addAttribute("shortDescription", shortDescription == null ? "" : shortDescription);
        model.addAttribute("fullDescription", fullDescription == null ? "" : fullDescription);
        model.addAttribute("previewHtml", draft == null ? null : markdown.render(fullDescription));
        model.addAttribute("pageAddress", RepositoryPageAddress.of(repository.name(), ""));
        model.addAttribute("settingsAddress", RepositoryPageAddress.of(repository.name(), "settings"));
        return "repository/settings";
    }

    /** Previews (re-shows the form with the rendering) or saves both descriptions. */
    private String descriptions(Requester requester, RepositoryPath path, Map<String, String> form, Model model,
            RedirectAttributes flash) {
        // Browsers send CRLF line breaks from a textarea; the description is stored with plain LF.
        UpdateRepositoryRequest change = new UpdateRepositoryRequest(null,
                form.getOrDefault("shortDescription", "").strip(),
                form.getOrDefault("fullDescription", "").replace("\r\n", "\n"));
        FormErrors errors = forms.problems(change);
        if ("preview".equals(form.get("action")) || errors.any()) {
            model.addAttribute("formErrors", errors);
            return settingsPage(requester, path, change, model);
        }
        return FormOutcomes.attempt(flash, RepositoryPageAddress.of(path.fullName(), "settings"),
                "Saved the descriptions.", () -> repositories.update(requester, path, change));
    }

    private String delete(Requester requester, RepositoryPath path, String confirmation, RedirectAttributes flash) {
        if (!confirmation.strip().equals(path.fullName())) {
            flash.addFlashAttribute("error", "Type the repository's full name, " + path + ", to delete it.");
            return "redirect:" + RepositoryPageAddress.of(path.fullName(), "settings");
        }
        // A registry that is down (503) or refuses deletion (409) leaves everything in place: the user may retry.
        return FormOutcomes.attempt(flash, "/u/" + path.namespace(), RepositoryPageAddress.of(path.fullName(), "settings"),
                "Deleted " + path + " and its images.", () -> repositories.delete(requester, path));
    }

    private static String requireUsername(String username) {
        if (username.isEmpty()) {
            throw ApiException.badRequest("Enter a username.").onField("username");
        }
        return username;
    }
}
