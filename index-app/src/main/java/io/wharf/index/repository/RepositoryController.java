package io.wharf.index.repository;

import io.wharf.index.error.ApiException;
import io.wharf.index.requester.Requester;
import io.wharf.index.role.RoleRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/repositories}. Repository names contain slashes ({@code acme/team/app}), so a repository's
 * sub-resources follow a {@code /-/} marker, which no repository name can contain:
 * {@code /api/repositories/acme/team/app/-/collaborators/bob}, {@code …/-/tags}, {@code …/-/star}.
 */
@RestController
@RequestMapping("/api/repositories")
public class RepositoryController {

    private static final String COLLABORATORS = "collaborators";
    private static final String TAGS = "tags";
    private static final String STAR = "star";

    private final RepositoryService repositories;

    public RepositoryController(RepositoryService repositories) {
        this.repositories = repositories;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public RepositoryView create(Requester requester, @Valid @RequestBody CreateRepositoryRequest request) {
        return repositories.create(requester, request);
    }

    @GetMapping
    public List<RepositoryView> list(Requester requester, @RequestParam(required = false) String namespace) {
        return repositories.list(requester, namespace);
    }

    @GetMapping("/{*target}")
    public Object get(Requester requester, @PathVariable String target) {
        RepositoryTarget parsed = RepositoryTarget.parse(target);
        if (parsed.isRepository()) {
            return repositories.get(requester, parsed.repository());
        }
        if (parsed.is(COLLABORATORS)) {
            return repositories.collaborators(requester, parsed.repository());
        }
        if (parsed.is(TAGS)) {
            return repositories.tags(requester, parsed.repository());
        }
        throw parsed.unknown();
    }

    @PatchMapping("/{*target}")
    public RepositoryView update(Requester requester, @PathVariable String target,
            @Valid @RequestBody UpdateRepositoryRequest request) {
        RepositoryTarget parsed = RepositoryTarget.parse(target);
        if (!parsed.isRepository()) {
            throw parsed.unknown();
        }
        return repositories.update(requester, parsed.repository(), request);
    }

    /** Stars the repository ({@code /-/star}, no body), or gives a collaborator a role. */
    @PutMapping("/{*target}")
    public ResponseEntity<?> put(Requester requester, @PathVariable String target,
            @Valid @RequestBody(required = false) RoleRequest request) {
        RepositoryTarget parsed = RepositoryTarget.parse(target);
        if (parsed.is(STAR)) {
            repositories.star(requester, parsed.repository());
            return ResponseEntity.noContent().build();
        }
        String username = parsed.memberOf(COLLABORATORS).orElseThrow(parsed::unknown);
        if (request == null) {
            throw ApiException.badRequest("send the collaborator's role: {\"role\": \"read\"}");
        }
        return ResponseEntity.ok(repositories.putCollaborator(requester, parsed.repository(), username, request.role()));
    }

    /** Deletes the repository (in the registry too), unstars it ({@code /-/star}), or removes a collaborator. */
    @DeleteMapping("/{*target}")
    public ResponseEntity<Void> delete(Requester requester, @PathVariable String target) {
        RepositoryTarget parsed = RepositoryTarget.parse(target);
        if (parsed.isRepository()) {
            repositories.delete(requester, parsed.repository());
        } else if (parsed.is(STAR)) {
            repositories.unstar(requester, parsed.repository());
        } else {
            String username = parsed.memberOf(COLLABORATORS).orElseThrow(parsed::unknown);
            repositories.removeCollaborator(requester, parsed.repository(), username);
        }
        return ResponseEntity.noContent().build();
    }
}
