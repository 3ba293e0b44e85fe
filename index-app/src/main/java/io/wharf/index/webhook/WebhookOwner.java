package io.wharf.index.webhook;

import io.wharf.index.error.ApiException;
import io.wharf.index.repository.RepositoryPath;

/**
 * What hooks belong to: a repository, or an organization (then {@code repository} is null).
 *
 * @param repository the repository's full name
 */
public record WebhookOwner(String namespace, String repository) {

    public static WebhookOwner of(RepositoryPath path) {
        return new WebhookOwner(path.namespace(), path.fullName());
    }

    /** The owner a request names by one of {@code ?repository=} and {@code ?organization=}. */
    public static WebhookOwner parse(String repository, String organization) {
        if ((repository == null || repository.isBlank()) == (organization == null || organization.isBlank())) {
            throw ApiException.badRequest("Name either the repository (?repository=acme/app) or the organization"
                    + " (?organization=acme) whose webhooks you mean.");
        }
        if (organization != null && !organization.isBlank()) {
            return organization(organization);
        }
        return of(RepositoryPath.parse(repository).orElseThrow(() ->
                ApiException.badRequest(repository + " is not a repository name such as acme/app.")));
    }

    static WebhookOwner of(Webhook hook) {
        return new WebhookOwner(hook.namespace(), hook.repository());
    }

    public static WebhookOwner organization(String name) {
        return new WebhookOwner(name, null);
    }

    RepositoryPath path() {
        return RepositoryPath.parse(repository).orElseThrow();
    }

    @Override
    public String toString() {
        return repository != null ? repository : "The organization " + namespace;
    }
}
