package io.wharf.registry.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.wharf.contract.architecture.BuildTimeBeanDefinitions;
import io.wharf.contract.architecture.DoNotIncludeAotGeneratedClasses;

/** The registry's beans have no property conditions: it runs on bean definitions made at build time (Spring AOT). */
@AnalyzeClasses(packages = "io.wharf.registry",
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGeneratedClasses.class})
class BeanConditionsTest {

    @ArchTest
    static final ArchTests buildTimeBeanDefinitions = ArchTests.in(BuildTimeBeanDefinitions.class);
}
