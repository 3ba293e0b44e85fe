package io.wharf.index.ui.repository;

import io.wharf.index.error.ApiException;
import io.wharf.index.image.ManifestDetails;
import io.wharf.index.image.ManifestReader;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.repository.RepositoryView;
import io.wharf.index.repository.TagView;
import io.wharf.index.requester.Requester;
import io.wharf.index.role.RepositoryAction;
import io.wharf.index.ui.site.FormOutcomes;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of one tag or manifest of a repository ({@code /r/NAME/-/tags/TAG}, {@code /r/NAME/-/manifests/DIGEST})
 * and their deletion, confirmed on a page of its own ({@code .../delete}).
 */
@Component
class ManifestPages {

    private final RepositoryService repositories;
    private final RepositoryPermissions permissions;
    private final ManifestReader manifests;

    ManifestPages(RepositoryService repositories, RepositoryPermissions permissions, ManifestReader manifests) {
        this.repositories = repositories;
        this.permissions = permissions;
        this.manifests = manifests;
    }

    /** A tag's or manifest's page, or the confirmation of its deletion. */
    String get(Requester requester, RepositoryPageAddress address, Model model) {
        Reference reference = Reference.of(address);
        RepositoryPath path = address.repository();
        RepositoryView repository = repositories.get(requester, path);
        TagView tag = reference.tag()
                ? repositories.tag(requester, path, reference.name())
                        .orElseThrow(() -> ApiException.notFound(path + " has no tag " + reference.name()))
                : null;
        String digest = tag != null ? tag.digest() : reference.name();
        model.addAttribute("repository", repository);
        model.addAttribute("pageAddress", address.page(""));
        model.addAttribute("tag", tag != null ? tag.name() : null);
        model.addAttribute("tagView", tag);
        model.addAttribute("digest", digest);
        model.addAttribute("deleteAddress", address.page(reference.action("delete")));
        if (reference.delete()) {
            model.addAttribute("mayDelete", mayDelete(requester, path));
            return "repository/delete-manifest";
        }
        ManifestDetails details = manifests.read(requester, path, digest);
        model.addAttribute("manifest", details);
        model.addAttribute("mayDelete", mayDelete(requester, path));
        return "repository/manifest";
    }

    /** Deletes the tag or manifest when the form's confirmation box is ticked. */
    String delete(Requester requester, RepositoryPageAddress address, Map<String, String> form,
            RedirectAttributes flash) {
        Reference reference = Reference.of(address);
        if (!reference.delete()) {
            throw address.unknown();
        }
        String confirmation = address.page(reference.action("delete"));
        if (!"yes".equals(form.get("confirm"))) {
            flash.addFlashAttribute("error", "Tick the box to confirm the deletion.");
            return "redirect:" + confirmation;
        }
        String what = reference.tag() ? "the tag " + reference.name() : "the manifest " + reference.name();
        return FormOutcomes.attempt(flash, address.page(""), confirmation,
                "Deleted " + what + ". The list shows it as soon as the registry reports the deletion.",
                () -> repositories.deleteManifest(requester, address.repository(), reference.name()));
    }

    private boolean mayDelete(Requester requester, RepositoryPath path) {
        return permissions.allowedActions(requester, path).contains(RepositoryAction.DELETE);
    }

    /** {@code tags/TAG}, {@code manifests/DIGEST}, either followed by {@code /delete}. */
    private record Reference(boolean tag, String name, boolean delete) {

        static Reference of(RepositoryPageAddress address) {
            String[] parts = address.action().split("/", -1);
            boolean known = parts.length == 2 || (parts.length == 3 && parts[2].equals("delete"));
            if (!known || parts[1].isEmpty()) {
                throw address.unknown();
            }
            return switch (parts[0]) {
                case "tags" -> new Reference(true, parts[1], parts.length == 3);
                case "manifests" -> {
                    if (!ManifestReader.isDigest(parts[1])) {
                        throw ApiException.notFound(parts[1] + " is not a digest such as sha256:0123…");
                    }
                    yield new Reference(false, parts[1], parts.length == 3);
                }
                default -> throw address.unknown();
            };
        }

        /** The address of this tag's or manifest's page, or of {@code action} on it. */
        String action(String action) {
            return (tag ? "tags/" : "manifests/") + name + (action.isEmpty() ? "" : "/" + action);
        }
    }
}
