package dev.moat.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of Moat's modules, checked on every build (this module sees all of them). */
@AnalyzeClasses(packages = "dev.moat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN_AND_SERVICES = {
            "dev.moat.domain..", "dev.moat.tenant..", "dev.moat.security..", "dev.moat.persistence..",
            "dev.moat.platform.."};

    @ArchTest
    static final ArchRule feature_packages_have_no_cycles =
            slices().matching("dev.moat.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule rest_features_have_no_cycles =
            slices().matching("dev.moat.web.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule console_features_have_no_cycles =
            slices().matching("dev.moat.ui.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domain_and_services_know_nothing_of_rest_or_ui = noClasses()
            .that().resideInAnyPackage(DOMAIN_AND_SERVICES)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.moat.web..", "dev.moat.ui..", "jakarta.ws.rs..", "jakarta.servlet..", "com.vaadin..");

    @ArchTest
    static final ArchRule console_does_not_reach_into_rest = noClasses()
            .that().resideInAPackage("dev.moat.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.moat.web..", "jakarta.ws.rs..");

    @ArchTest
    static final ArchRule repositories_are_used_only_by_services = classes()
            .that().haveSimpleNameEndingWith("Repository")
            .should().onlyHaveDependentClassesThat(describe("services or repositories",
                    (JavaClass c) -> c.getSimpleName().endsWith("Service")
                            || c.getSimpleName().endsWith("Repository")));

    @ArchTest
    static final ArchRule no_vendor_apis_outside_adapters = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "fish.payara..", "org.glassfish..", "org.hibernate..", "org.jboss.weld..", "org.eclipse.persistence..");
}
