package io.wharf.contract.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Leaves out what Spring AOT generates into an app's classes folder when the app is packaged: bean definitions
 * ({@code Type__BeanDefinitions}) and proxies ({@code Type$$SpringCGLIB$$0}). They name every bean's dependencies
 * from the bean's own package, so a build that packaged the app before its tests ran would see cycles that the
 * written code does not have.
 */
public final class DoNotIncludeAotGeneratedClasses implements ImportOption {

    @Override
    public boolean includes(Location location) {
        return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
    }
}
