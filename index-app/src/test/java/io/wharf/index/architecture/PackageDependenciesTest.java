package io.wharf.index.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.wharf.contract.architecture.DoNotIncludeAotGeneratedClasses;

/**
 * The index's packages depend on each other one way only, in the order docs/architecture.md draws: the web and REST
 * surfaces on top, then the services, the webhooks they notify, the domain, the gateway to the registry, the audit
 * log every change of rights or settings is recorded in, and a foundation that knows no feature.
 */
@AnalyzeClasses(packages = "io.wharf.index",
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGeneratedClasses.class})
class PackageDependenciesTest {

    /**
     * Three reads inside the domain point upwards and are allowed by name: the access decision reads a robot's
     * permissions, which belong to the robot, and the roles of the requester's teams, which belong to the team; an
     * organization asks the access decision who manages it.
     */
    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("io.wharf.index.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(nameMatching("io\\.wharf\\.index\\.repository\\.(RepositoryPermissions|RepositoryContents)"),
                    nameMatching("io\\.wharf\\.index\\.accesstoken\\.RobotPermissions?"))
            .ignoreDependency(nameMatching("io\\.wharf\\.index\\.repository\\.RepositoryPermissions"),
                    nameMatching("io\\.wharf\\.index\\.team\\.TeamRoles"))
            .ignoreDependency(nameMatching("io\\.wharf\\.index\\.org\\.OrganizationService"),
                    nameMatching("io\\.wharf\\.index\\.repository\\.RepositoryPermissions"));

    @ArchTest
    static final ArchRule packagesAreLayered = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Surface").definedBy("io.wharf.index.ui..", "io.wharf.index.rest..",
                    "io.wharf.index.security..", "io.wharf.index.ops..", "io.wharf.index.anonymouspages..")
            .layer("Services").definedBy("io.wharf.index.token..", "io.wharf.index.search..",
                    "io.wharf.index.event..", "io.wharf.index.reconcile..", "io.wharf.index.registryadmin..",
                    "io.wharf.index.credential..", "io.wharf.index.image..", "io.wharf.index.accountdeletion..",
                    "io.wharf.index.proxycache..", "io.wharf.index.directory..", "io.wharf.index.oidc..")
            .layer("Notifications").definedBy("io.wharf.index.webhook..")
            .layer("Domain").definedBy("io.wharf.index.account..", "io.wharf.index.org..",
                    "io.wharf.index.repository..", "io.wharf.index.accesstoken..", "io.wharf.index.refreshtoken..",
                    "io.wharf.index.namespace..", "io.wharf.index.team..")
            .layer("Gateway").definedBy("io.wharf.index.registry..", "io.wharf.index.signing..")
            .layer("Audit").definedBy("io.wharf.index.audit..")
            .layer("Foundation").definedBy("io.wharf.index.requester..", "io.wharf.index.role..",
                    "io.wharf.index.error..", "io.wharf.index.persistence..")
            .whereLayer("Surface").mayNotBeAccessedByAnyLayer()
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Surface")
            .whereLayer("Notifications").mayOnlyBeAccessedByLayers("Services", "Surface")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Notifications", "Services", "Surface")
            .whereLayer("Gateway").mayOnlyBeAccessedByLayers("Domain", "Notifications", "Services", "Surface")
            .whereLayer("Audit").mayOnlyBeAccessedByLayers("Gateway", "Domain", "Notifications", "Services",
                    "Surface")
            .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Audit", "Gateway", "Domain", "Notifications",
                    "Services", "Surface");
}
