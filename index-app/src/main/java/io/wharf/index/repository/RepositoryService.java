package io.wharf.index.repository;

import io.wharf.index.IndexProperties;
import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.namespace.Namespaces;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.UserRequester;
import io.wharf.index.role.RepositoryAction;
import io.wharf.index.role.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Repositories known to the index: their settings, descriptions, collaborators, stars and tags. */
@Service
@Transactional
public class RepositoryService {

    private final ImageRepositories repositories;
    private final Collaborators collaborators;
    private final Stars stars;
    private final ImageTags tags;
    private final Accounts accounts;
    private final Namespaces namespaces;
    private final RepositoryPermissions permissions;
    private final RepositoryContents contents;
    private final RegistryClient registry;
    private final AuditTrail auditTrail;
    private final Visibility defaultVisibility;
    private final Clock clock;

    public RepositoryService(ImageRepositories repositories, Collaborators collaborators, Stars stars, ImageTags tags,
            Accounts accounts, Namespaces namespaces, RepositoryPermissions permissions, RepositoryContents contents,
            RegistryClient registry, AuditTrail auditTrail, IndexProperties properties, Clock clock) {
        this.auditTrail = auditTrail;
        this.repositories = repositories;
        this.collaborators = collaborators;
        this.stars = stars;
        this.tags = tags;
        this.accounts = accounts;
        this.namespaces = namespaces;
        this.permissions = permissions;
        this.contents = contents;
        this.registry = registry;
        this.defaultVisibility = properties.defaultVisibility();
        this.clock = clock;
    }

    public RepositoryView create(Requester requester, CreateRepositoryRequest request) {
        Requesters.requireUser(requester);
        RepositoryPath path = RepositoryPath.parse(request.name()).orElseThrow(() -> ApiException.badRequest(
                "A repository's full name is <namespace>/<name>: a user or organization name, then a name of"
                        + " lowercase letters, digits and separators; a name without a namespace is a top-level"
                        + " repository, in library.").onField("name"));
        if (!namespaces.existsById(path.namespace())) {
            throw ApiException.notFound("no user or organization is named " + path.namespace());
        }
        if (!permissions.mayCreateIn(requester, path.namespace())) {
            throw ApiException.forbidden("you may not create repositories in " + path.namespace());
        }
        if (repositories.find(path).isPresent()) {
            throw ApiException.conflict("The repository " + path + " exists already.").onField("name");
        }
        Visibility visibility = request.visibility() == null ? defaultVisibility : request.visibility();
        ImageRepository created = repositories.save(new ImageRepository(path, visibility, clock.instant()));
        recordCreation(requester, path, visibility);
        return RepositoryView.detail(created, 0, false);
    }

    /**
     * Records a repository that a permitted push is about to create, with the default visibility; does
     * nothing when the index knows it already.
     *
     * @throws org.springframework.dao.DataIntegrityViolationException when a concurrent request recorded it first
     */
    public void registerPushTarget(Requester requester, RepositoryPath path) {
        if (repositories.find(path).isEmpty()) {
            repositories.save(new ImageRepository(path, defaultVisibility, clock.instant()));
            recordCreation(requester, path, defaultVisibility);
        }
    }

    private void recordCreation(Requester requester, RepositoryPath path, Visibility visibility) {
        auditTrail.record(requester, "repository.created", AuditTarget.repository(path.fullName()), Map.of(),
                Map.of("visibility", visibility));
    }

    /** The repositories the requester may see, optionally only those of one namespace. */
    @Transactional(readOnly = true)
    public List<RepositoryView> list(Requester requester, String namespace) {
        List<ImageRepository> visible = repositories.findVisible(requester, "").stream()
                .filter(repository -> namespace == null || repository.namespace().equals(namespace))
                .toList();
        Map<Long, Long> starCounts = stars.counts();
        return visible.stream()
                .map(repository -> RepositoryView.summary(repository, starCounts.getOrDefault(repository.id(), 0L)))
                .toList();
    }

    /**
     * The first {@code size} repositories the requester may see, most recently pushed first (never pushed last), and
     * whether older ones follow.
     */
    @Transactional(readOnly = true)
    public PushOrderPage<RepositoryView> recentlyPushed(Requester requester, int size) {
        return withStars(repositories.findVisibleByPushTime(requester, size));
    }

    /** The {@code size} repositories the requester may see that follow {@code position} in that order. */
    @Transactional(readOnly = true)
    public PushOrderPage<RepositoryView> recentlyPushedOlderThan(Requester requester, PushPosition position,
            int size) {
        return withStars(repositories.findVisibleOlderThan(requester, position, size));
    }

    /**
     * The {@code size} repositories the requester may see that precede {@code position} in that order; the first
     * {@code size} when fewer precede it.
     */
    @Transactional(readOnly = true)
    public PushOrderPage<RepositoryView> recentlyPushedNewerThan(Requester requester, PushPosition position,
            int size) {
        return withStars(repositories.findVisibleNewerThan(requester, position, size));
    }

    private PushOrderPage<RepositoryView> withStars(PushOrderPage<ImageRepository> found) {
        Map<Long, Long> starCounts = stars.countsOf(found.content().stream().map(ImageRepository::id).toList());
        return found.map(repository -> RepositoryView.summary(repository,
                starCounts.getOrDefault(repository.id(), 0L)));
    }

    /**
     * For administrators: every repository, private ones too, whose full name or short description contains
     * {@code filter}, ordered by name, {@code size} a page ({@code page} counts from 0).
     */
    @Transactional(readOnly = true)
    public Page<RepositoryView> listAll(Requester requester, String filter, int page, int size) {
        Requesters.requireAdministrator(requester);
        Map<Long, Long> starCounts = stars.counts();
        return repositories.findAllContaining(filter.strip(), PageRequest.of(page, size))
                .map(repository -> RepositoryView.summary(repository, starCounts.getOrDefault(repository.id(), 0L)));
    }

    @Transactional(readOnly = true)
    public RepositoryView get(Requester requester, RepositoryPath path) {
        return detail(requester, visible(requester, path));
    }

    /** Changes the visibility and descriptions, those that the request holds. */
    public RepositoryView update(Requester requester, RepositoryPath path, UpdateRepositoryRequest request) {
        if (request.isEmpty()) {
            throw ApiException.badRequest("send visibility, shortDescription or fullDescription");
        }
        ImageRepository repository = administrable(requester, path);
        AuditTarget target = AuditTarget.repository(path.fullName());
        if (request.visibility() != null && request.visibility() != repository.visibility()) {
            auditTrail.record(requester, "repository.visibility-changed", target,
                    Map.of("visibility", repository.visibility()), Map.of("visibility", request.visibility()));
            repository.setVisibility(request.visibility());
        }
        Map<String, Object> descriptionsBefore = new LinkedHashMap<>();
        Map<String, Object> descriptionsAfter = new LinkedHashMap<>();
        if (request.shortDescription() != null && !request.shortDescription().equals(repository.shortDescription())) {
            descriptionsBefore.put("shortDescription", repository.shortDescription());
            descriptionsAfter.put("shortDescription", request.shortDescription());
            repository.setShortDescription(request.shortDescription());
        }
        if (request.fullDescription() != null && !request.fullDescription().equals(repository.fullDescription())) {
            // The full description is a whole document: its length tells that it changed, and by how much.
            descriptionsBefore.put("fullDescriptionLength", lengthOf(repository.fullDescription()));
            descriptionsAfter.put("fullDescriptionLength", request.fullDescription().length());
            repository.setFullDescription(request.fullDescription());
        }
        repositories.saveSettings(repository);
        if (!descriptionsAfter.isEmpty()) {
            auditTrail.record(requester, "repository.description-changed", target, descriptionsBefore,
                    descriptionsAfter);
        }
        return detail(requester, repository);
    }

    /**
     * Deletes the repository everywhere: first in the registry (its content, through the registry's admin API in
     * the requester's name), then the index's metadata (tags, stars, collaborators, robot permissions) in one
     * transaction. A registry that does not know the repository (deleted there already) is no obstacle; one that
     * cannot be reached is (503), and the metadata stays, so that the delete can be repeated. No transaction is
     * open while the registry works.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void delete(Requester requester, RepositoryPath path) {
        ImageRepository repository = visible(requester, path);
        if (!permissions.allowedActions(requester, path).contains(RepositoryAction.DELETE)) {
            throw Requesters.denied(requester, "only admins of " + path + " may delete it");
        }
        registry.deleteRepository(path.fullName(), requester.name());
        // Recorded once the registry's content is gone, which cannot be undone, even if forgetting the rest fails.
        auditTrail.record(requester, "repository.deleted", AuditTarget.repository(path.fullName()),
                Map.of("visibility", repository.visibility()), Map.of());
        contents.forget(repository);
    }

    @Transactional(readOnly = true)
    public List<TagView> tags(Requester requester, RepositoryPath path) {
        return tags.findByRepositoryIdOrderByName(visible(requester, path).id()).stream().map(TagView::of).toList();
    }

    /**
     * Up to {@code size} tags whose name contains {@code filter} (empty: every tag), in {@code order} from
     * {@code cursor} (null: the first page), read along the order's index from there: a repository may hold thousands
     * of tags, and a page costs the same at any depth. The total is the count stored with the repository, or with a
     * filter a count of the names that match.
     */
    @Transactional(readOnly = true)
    public TagPage tagPage(Requester requester, RepositoryPath path, String filter, TagOrder order, TagCursor cursor,
            int size) {
        long repositoryId = visible(requester, path).id();
        // One row more than the page tells whether another page follows in the direction read.
        List<TagView> read = tags.findFrom(repositoryId, filter, order, cursor, size + 1).stream().map(TagView::of)
                .toList();
        boolean more = read.size() > size;
        if (cursor != null && cursor.backward() && !more) {
            // Back at the start: the first page, full, as the way back from the second page should show it.
            return tagPage(requester, path, filter, order, null, size);
        }
        List<TagView> page = more ? read.subList(0, size) : read;
        long total = filter.isEmpty() ? tags.countOf(repositoryId) : tags.countContaining(repositoryId, filter);
        if (cursor == null) {
            return new TagPage(page, total, false, more);
        }
        if (!cursor.backward()) {
            return new TagPage(page, total, true, more);
        }
        List<TagView> inOrder = new ArrayList<>(page);
        Collections.reverse(inOrder);
        return new TagPage(inOrder, total, true, true);
    }

    /** The most recently pushed tag, read along the push-time index (no count of the tags). */
    @Transactional(readOnly = true)
    public Optional<TagView> newestTag(Requester requester, RepositoryPath path) {
        return tags.findFirstByRepositoryIdOrderByPushedAtDescNameAsc(visible(requester, path).id()).map(TagView::of);
    }

    /** The tag, as the index last heard of it. */
    @Transactional(readOnly = true)
    public Optional<TagView> tag(Requester requester, RepositoryPath path, String tag) {
        return tags.findByRepositoryIdAndName(visible(requester, path).id(), tag).map(TagView::of);
    }

    /**
     * Deletes a tag, or a manifest by digest with every tag on it, in the registry, in the requester's name; the
     * index learns of it from the registry's event, like of any other deletion. Needs the delete permission.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void deleteManifest(Requester requester, RepositoryPath path, String reference) {
        visible(requester, path);
        if (!permissions.allowedActions(requester, path).contains(RepositoryAction.DELETE)) {
            throw Requesters.denied(requester, "only admins of " + path + " may delete its tags and manifests");
        }
        if (!registry.deleteManifest(path.fullName(), reference, requester.name())) {
            throw ApiException.notFound(path + " has no " + reference + " (deleted already?)");
        }
    }

    /** Stars the repository for the signed-in user; starring twice is one star. */
    public void star(Requester requester, RepositoryPath path) {
        UserRequester user = Requesters.requireUser(requester);
        ImageRepository repository = visible(requester, path);
        if (!stars.existsByRepositoryIdAndAccountId(repository.id(), user.accountId())) {
            // A concurrent star by the same user fails on star_once, answered 409.
            stars.save(new Star(repository.id(), user.accountId(), clock.instant()));
        }
    }

    public void unstar(Requester requester, RepositoryPath path) {
        UserRequester user = Requesters.requireUser(requester);
        stars.deleteByRepositoryIdAndAccountId(visible(requester, path).id(), user.accountId());
    }

    @Transactional(readOnly = true)
    public List<CollaboratorView> collaborators(Requester requester, RepositoryPath path) {
        ImageRepository repository = administrable(requester, path);
        return collaborators.findByRepositoryIdOrderByAccountUsername(repository.id()).stream()
                .map(CollaboratorView::of)
                .toList();
    }

    /** Adds a collaborator or changes their role. */
    public CollaboratorView putCollaborator(Requester requester, RepositoryPath path, String username, Role role) {
        ImageRepository repository = administrable(requester, path);
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("no user is named " + username).onField("username"));
        AuditTarget target = AuditTarget.repository(path.fullName());
        Optional<Collaborator> existing = collaborators.findByRepositoryIdAndAccountId(repository.id(), account.id());
        if (existing.isEmpty()) {
            auditTrail.record(requester, "repository.collaborator-added", target, Map.of(),
                    Map.of("collaborator", username, "role", role));
            return CollaboratorView.of(collaborators.save(new Collaborator(repository, account, role, clock.instant())));
        }
        Collaborator collaborator = existing.get();
        if (collaborator.role() != role) {
            auditTrail.record(requester, "repository.collaborator-role-changed", target,
                    Map.of("collaborator", username, "role", collaborator.role()),
                    Map.of("collaborator", username, "role", role));
            collaborator.setRole(role);
            collaborators.saveRole(collaborator);
        }
        return CollaboratorView.of(collaborator);
    }

    public void removeCollaborator(Requester requester, RepositoryPath path, String username) {
        ImageRepository repository = administrable(requester, path);
        Collaborator collaborator = accounts.findByUsername(username)
                .flatMap(account -> collaborators.findByRepositoryIdAndAccountId(repository.id(), account.id()))
                .orElseThrow(() -> ApiException.notFound(username + " is not a collaborator on " + path));
        collaborators.delete(collaborator);
        auditTrail.record(requester, "repository.collaborator-removed", AuditTarget.repository(path.fullName()),
                Map.of("collaborator", username, "role", collaborator.role()), Map.of());
    }

    private static int lengthOf(String text) {
        return text == null ? 0 : text.length();
    }

    private RepositoryView detail(Requester requester, ImageRepository repository) {
        boolean starred = requester instanceof UserRequester user
                && stars.existsByRepositoryIdAndAccountId(repository.id(), user.accountId());
        return RepositoryView.detail(repository, stars.countByRepositoryId(repository.id()), starred);
    }

    /** The repository, or 404 when it does not exist or the requester may not know it does. */
    private ImageRepository visible(Requester requester, RepositoryPath path) {
        return repositories.find(path)
                .filter(repository -> permissions.mayView(requester, repository))
                .orElseThrow(() -> ApiException.notFound("no repository " + path));
    }

    private ImageRepository administrable(Requester requester, RepositoryPath path) {
        ImageRepository repository = visible(requester, path);
        if (!permissions.mayAdminister(requester, repository)) {
            throw Requesters.denied(requester, "only admins of " + path + " may change it");
        }
        return repository;
    }
}
