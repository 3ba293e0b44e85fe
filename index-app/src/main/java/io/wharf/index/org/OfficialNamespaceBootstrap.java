package io.wharf.index.org;

import io.wharf.contract.name.RepositoryName;
import io.wharf.index.IndexProperties;
import io.wharf.index.namespace.Namespace;
import io.wharf.index.namespace.NamespaceKind;
import io.wharf.index.namespace.NamespaceNames;
import io.wharf.index.namespace.Namespaces;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * At every start: creates the built-in organization {@code library}, which holds the top-level repositories, when
 * the name is free, and warns about names taken before they were reserved (an installation upgraded from a version
 * without the reserved list). Nothing is renamed: the holders keep their names, and the warning says what an
 * administrator should do.
 */
@Component
public class OfficialNamespaceBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OfficialNamespaceBootstrap.class);

    private final Namespaces namespaces;
    private final OrganizationService organizations;
    private final String bootstrapAdministrator;

    public OfficialNamespaceBootstrap(Namespaces namespaces, OrganizationService organizations,
            IndexProperties properties) {
        this.namespaces = namespaces;
        this.organizations = organizations;
        this.bootstrapAdministrator = properties.admin().username();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        Optional<Namespace> official = namespaces.findById(RepositoryName.OFFICIAL_NAMESPACE);
        if (official.isEmpty()) {
            createOfficialOrganization();
        } else if (official.get().kind() == NamespaceKind.USER) {
            log.warn("The user account \"{}\" holds the namespace of the top-level repositories ({}/ubuntu is"
                    + " ubuntu): it may push and pull them as their owner. Unless it is yours, lock it (PATCH"
                    + " /api/users/{} with {\"locked\": true}); see docs/operations.md, Reserved names",
                    RepositoryName.OFFICIAL_NAMESPACE, RepositoryName.OFFICIAL_NAMESPACE,
                    RepositoryName.OFFICIAL_NAMESPACE);
        }
        List<String> taken = namespaces.findAllById(NamespaceNames.RESERVED).stream()
                .map(Namespace::name)
                .filter(name -> !name.equals(RepositoryName.OFFICIAL_NAMESPACE) && !name.equals(bootstrapAdministrator))
                .sorted()
                .toList();
        if (!taken.isEmpty()) {
            log.warn("These users or organizations hold names that are now reserved: {}. They keep working; nobody"
                    + " new can take such a name. See docs/operations.md, Reserved names", taken);
        }
    }

    private void createOfficialOrganization() {
        try {
            organizations.createBuiltIn(RepositoryName.OFFICIAL_NAMESPACE);
            log.info("Created the organization \"{}\" for the top-level repositories; administrators push them and"
                    + " may add writers", RepositoryName.OFFICIAL_NAMESPACE);
        } catch (DataIntegrityViolationException raced) {
            // Another replica starting at the same time created it.
        }
    }
}
