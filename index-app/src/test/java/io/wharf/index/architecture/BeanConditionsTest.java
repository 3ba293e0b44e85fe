package io.wharf.index.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;

/**
 * The index runs on bean definitions that Spring AOT fixes when it is built, their conditions included: a bean that
 * depended on a property by a condition would ignore the value the index starts with.
 */
@AnalyzeClasses(packages = "io.wharf.index", importOptions = ImportOption.DoNotIncludeTests.class)
class BeanConditionsTest {

    private static final Set<String> PROPERTY_CONDITIONS = Set.of(ConditionalOnProperty.class.getName(),
            ConditionalOnBooleanProperty.class.getName(), ConditionalOnExpression.class.getName(),
            Profile.class.getName());
    private static final DescribedPredicate<JavaAnnotation<?>> PROPERTY_CONDITION = DescribedPredicate.describe(
            "a condition on properties", annotation -> PROPERTY_CONDITIONS.contains(annotation.getRawType().getName()));
    private static final String WHY = "Spring AOT evaluates bean conditions at build time: decide in code at start";

    @ArchTest
    static final ArchRule noBeanClassHasAPropertyCondition = noClasses()
            .should().beAnnotatedWith(PROPERTY_CONDITION).because(WHY);

    @ArchTest
    static final ArchRule noBeanMethodHasAPropertyCondition = noMethods()
            .should().beAnnotatedWith(PROPERTY_CONDITION).because(WHY);
}
