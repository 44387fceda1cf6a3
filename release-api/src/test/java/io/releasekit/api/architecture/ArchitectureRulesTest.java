package io.releasekit.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of every module (docs/architecture.md), checked on the main classes of all of them at once:
 * this module's test class path holds every other module.
 */
class ArchitectureRulesTest {

    private static final String[] ADAPTERS = {
        "io.releasekit.git..",
        "io.releasekit.github..",
        "io.releasekit.aws..",
        "io.releasekit.notify..",
        "io.releasekit.registry.."
    };

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test-jars (CI's verify)
            .importPackages("io.releasekit");

    @Test
    void seesEveryModule() {
        Set<String> packages = ALL.stream().map(JavaClass::getPackageName).collect(java.util.stream.Collectors.toSet());
        assertThat(packages)
                .contains(
                        "io.releasekit.core.run",
                        "io.releasekit.process.recipe",
                        "io.releasekit.git",
                        "io.releasekit.github",
                        "io.releasekit.aws",
                        "io.releasekit.notify",
                        "io.releasekit.registry",
                        "io.releasekit.process.image",
                        "io.releasekit.api.run");
    }

    @Test
    void packagesAreFreeOfCycles() {
        SlicesRuleDefinition.slices()
                .assignedFrom(PACKAGE_WITH_ITS_INTERNALS)
                .should()
                .beFreeOfCycles()
                .check(ALL);
    }

    @Test
    void noPackageTouchesAnotherPackagesInternals() {
        noClasses().should(touchAnotherPackagesInternal()).check(ALL);
    }

    @Test
    void adaptersAreIndependentOfEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = java.util.Arrays.stream(ADAPTERS)
                    .filter(a -> !a.equals(adapter))
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("an adapter depends on core only; the api module wires adapters together")
                    .check(ALL);
        }
    }

    @Test
    void processesUseCorePortsOnlyNeverMicronautOrAnAdapter() {
        noClasses()
                .that()
                .resideInAPackage("io.releasekit.process..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(ADAPTERS, "io.micronaut..", "io.releasekit.api.."))
                .because("a plain Java program runs the processes with the adapters it picks")
                .check(ALL);
    }

    @Test
    void controllersUseNoAdapterType() {
        noClasses()
                .that()
                .areAnnotatedWith("io.micronaut.http.annotation.Controller")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .because("controllers call core ports and primitives; factories wire the adapters")
                .check(ALL);
    }

    @Test
    void coreDependsOnNoFrameworkAndNoVendorSdk() {
        noClasses()
                .that()
                .resideInAPackage("io.releasekit.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(
                        new String[] {"io.micronaut..", "org.eclipse.jgit..", "org.kohsuke..", "software.amazon.."},
                        "io.releasekit.process..",
                        "io.releasekit.api.."))
                .because("release-core holds the domain and the ports; frameworks and vendor SDKs live in adapters")
                .check(ALL);
    }

    /** One slice per package, its {@code internal} sub-packages included (a package may use its own internals). */
    private static final SliceAssignment PACKAGE_WITH_ITS_INTERNALS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith("io.releasekit.")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(owner(p));
        }

        @Override
        public String getDescription() {
            return "releasekit packages, each with its internal sub-packages";
        }
    };

    private static ArchCondition<JavaClass> touchAnotherPackagesInternal() {
        return new ArchCondition<>("depend on the internal package of another package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (!target.startsWith("io.releasekit.") || !isInternal(target)) {
                        continue;
                    }
                    String owner = owner(target);
                    String from = origin.getPackageName();
                    if (!(from.equals(owner) || from.startsWith(owner + "."))) {
                        events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    /** The package an internal package belongs to ({@code a.b.internal.x} → {@code a.b}); else the package itself. */
    private static String owner(String pkg) {
        int i = pkg.indexOf(".internal");
        while (i >= 0) {
            int end = i + ".internal".length();
            if (end == pkg.length() || pkg.charAt(end) == '.') {
                return pkg.substring(0, i);
            }
            i = pkg.indexOf(".internal", end);
        }
        return pkg;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
