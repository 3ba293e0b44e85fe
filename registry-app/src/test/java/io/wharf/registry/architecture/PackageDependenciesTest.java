package io.wharf.registry.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.wharf.contract.architecture.DoNotIncludeAotGeneratedClasses;
import org.springframework.stereotype.Repository;

/**
 * The registry's packages depend on each other one way only, in the order docs/architecture.md draws: the HTTP
 * surface on top, then the lifecycle jobs and the pull-through cache, what is built from manifests and the uploads, the events, the blobs, and
 * a foundation that depends on no feature.
 */
@AnalyzeClasses(packages = "io.wharf.registry",
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGeneratedClasses.class})
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("io.wharf.registry.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesAreLayered = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Surface").definedBy("io.wharf.registry.api..", "io.wharf.registry.search..",
                    "io.wharf.registry.ops..")
            .layer("Lifecycle").definedBy("io.wharf.registry.gc..", "io.wharf.registry.deletion..",
                    "io.wharf.registry.proxy..")
            .layer("Images").definedBy("io.wharf.registry.manifest..", "io.wharf.registry.tag..",
                    "io.wharf.registry.referrer..")
            .layer("Uploads").definedBy("io.wharf.registry.upload..")
            .layer("Events").definedBy("io.wharf.registry.events..")
            .layer("Blobs").definedBy("io.wharf.registry.blob..", "io.wharf.registry.quota..")
            .layer("Foundation").definedBy("io.wharf.registry.repository..", "io.wharf.registry.storage..",
                    "io.wharf.registry.persistence..", "io.wharf.registry.audit..", "io.wharf.registry.auth..",
                    "io.wharf.registry.digest..", "io.wharf.registry.error..", "io.wharf.registry.paging..",
                    "io.wharf.registry.http..")
            .whereLayer("Surface").mayNotBeAccessedByAnyLayer()
            .whereLayer("Lifecycle").mayOnlyBeAccessedByLayers("Surface")
            .whereLayer("Images").mayOnlyBeAccessedByLayers("Lifecycle", "Surface")
            .whereLayer("Uploads").mayOnlyBeAccessedByLayers("Lifecycle", "Surface")
            .whereLayer("Events").mayOnlyBeAccessedByLayers("Images", "Lifecycle", "Surface")
            .whereLayer("Blobs").mayOnlyBeAccessedByLayers("Events", "Images", "Uploads", "Lifecycle", "Surface")
            .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Blobs", "Events", "Images", "Uploads",
                    "Lifecycle", "Surface");

    @ArchTest
    static final ArchRule handlersCallServicesNotSql = noClasses()
            .that().resideInAnyPackage("io.wharf.registry.api..", "io.wharf.registry.search..",
                    "io.wharf.registry.ops..")
            .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
            .orShould().dependOnClassesThat().resideInAPackage("io.wharf.registry.persistence..")
            .because("handlers are thin: table classes are reached through the feature's service");

    @ArchTest
    static final ArchRule storageIsReachedThroughItsOwners = noClasses()
            .that().resideOutsideOfPackages("io.wharf.registry.blob..", "io.wharf.registry.upload..",
                    "io.wharf.registry.gc..", "io.wharf.registry.storage..", "io.wharf.registry.ops..")
            .should().dependOnClassesThat().resideInAPackage("io.wharf.storage..")
            .because("blob content is read and written through BlobStore, upload data through UploadService,"
                    + " at the paths StorageLayout names");
}
