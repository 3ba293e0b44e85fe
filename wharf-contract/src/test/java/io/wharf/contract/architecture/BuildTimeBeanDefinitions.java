package io.wharf.contract.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * Rules for an app that runs on bean definitions Spring AOT fixes when it is built, their conditions included: a bean
 * that depended on a property by a condition would ignore the value the app starts with. Each app includes them with
 * {@code ArchTests.in(BuildTimeBeanDefinitions.class)}.
 */
public final class BuildTimeBeanDefinitions {

    private static final Set<String> PROPERTY_CONDITIONS = Set.of(
            "org.springframework.boot.autoconfigure.condition.ConditionalOnProperty",
            "org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty",
            "org.springframework.boot.autoconfigure.condition.ConditionalOnExpression",
            "org.springframework.context.annotation.Profile");
    private static final DescribedPredicate<JavaAnnotation<?>> PROPERTY_CONDITION = DescribedPredicate.describe(
            "a condition on properties", annotation -> PROPERTY_CONDITIONS.contains(annotation.getRawType().getName()));
    private static final String WHY = "Spring AOT evaluates bean conditions at build time: decide in code at start";

    @ArchTest
    public static final ArchRule noBeanClassHasAPropertyCondition = noClasses()
            .should().beAnnotatedWith(PROPERTY_CONDITION).because(WHY);

    @ArchTest
    public static final ArchRule noBeanMethodHasAPropertyCondition = noMethods()
            .should().beAnnotatedWith(PROPERTY_CONDITION).because(WHY);

    private BuildTimeBeanDefinitions() {
    }
}
