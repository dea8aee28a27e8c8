package dev.wgsim.scenario.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No package of a module depends, through any chain, on a package that depends back on it: a
 * package can be read (and moved) with only the packages below it in mind. Every package is its own
 * slice, the module's root package included, so {@code reports} and {@code reports.charts} count
 * as two. ArchUnit fails a rule whose slices are empty, so a typo in a prefix cannot pass.
 */
class PackageCyclesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = ShippedClasses.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev.wgsim.net", "dev.wgsim.engine", "dev.wgsim.wg", "dev.wgsim.reports", "dev.wgsim.scenario"})
    void packagesOfAModuleFormNoCycle(String module) {
        SlicesRuleDefinition.slices().assignedFrom(packagesUnder(module))
                .should().beFreeOfCycles()
                .because("a package cycle makes the packages one unit in all but name")
                .check(production);
    }

    private static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages under " + root;
            }
        };
    }
}
