package io.releasekit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.releasekit.core");

    @Test
    void coreDependsOnNoFrameworkAndNoVendorSdk() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "org.eclipse.jgit..", "org.kohsuke..", "software.amazon..")
                .because("release-core holds the domain and the ports; frameworks and vendor SDKs live in adapters")
                .check(core);
    }

    @Test
    void coreImportsAtLeastItsOwnClasses() {
        // guards the rule above against passing on an empty import
        org.assertj.core.api.Assertions.assertThat(core.size()).isGreaterThan(10);
    }
}
