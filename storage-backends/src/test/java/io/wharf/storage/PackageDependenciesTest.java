package io.wharf.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The driver contract knows no driver, and each driver knows only the contract. */
@AnalyzeClasses(packages = "io.wharf.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule theContractKnowsNoDriver = noClasses().that().resideInAPackage("io.wharf.storage")
            .should().dependOnClassesThat().resideInAnyPackage("io.wharf.storage.filesystem..", "io.wharf.storage.s3..");

    @ArchTest
    static final ArchRule driversDoNotKnowEachOther = slices().matching("io.wharf.storage.(*)..")
            .should().notDependOnEachOther();
}
