package dev.wgsim.scenario.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of ../shared/ARCHITECTURE.md from bending, and keeps model code on the virtual
 * clock. The scenarios module is the only one whose test classpath sees every module, so the
 * whole-project rules live here.
 */
class LayeringTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wgsim");
    }

    @Test
    void engineKnowsNothingOfWireGuardOrScenarios() {
        check(noClasses().that().resideInAPackage("dev.wgsim.engine..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.wgsim.wg..", "dev.wgsim.scenario..", "dev.wgsim.reports..")
                .because("sim-engine is protocol-agnostic; WireGuard plugs in from scenarios"));
    }

    @Test
    void wgModelKnowsNothingOfTheEngine() {
        check(noClasses().that().resideInAPackage("dev.wgsim.wg..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.wgsim.engine..", "dev.wgsim.scenario..", "dev.wgsim.reports..")
                .because("wg-model is sans-I/O: the simulator and the live driver both drive it"));
    }

    @Test
    void reportsReadResultsNotTheSimulation() {
        check(noClasses().that().resideInAPackage("dev.wgsim.reports..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.wgsim.wg..", "dev.wgsim.scenario..")
                .because("reports re-renders from a results folder without re-running"));
    }

    @Test
    void netTypesStandAlone() {
        check(noClasses().that().resideInAPackage("dev.wgsim.net..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wgsim.engine..", "dev.wgsim.wg..",
                        "dev.wgsim.scenario..", "dev.wgsim.reports..")
                .because("net-types is the shared floor under both the engine and wg-model"));
    }

    @Test
    void noTestFrameworkInShippedCode() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
                .because("the wgsim jar ships no JUnit; the JUnit entry point is the scenarios-junit artifact"));
    }

    @Test
    void onlyTheCryptoPackageTouchesBouncyCastle() {
        check(noClasses().that().resideOutsideOfPackage("dev.wgsim.wg.crypto..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("crypto is the one wrapper around Bouncy Castle"));
    }

    @Test
    void modelCodeNeverReadsTheWallClockOrUnseededRandomness() {
        check(noClasses().that().resideInAnyPackage("dev.wgsim.engine..", "dev.wgsim.wg..", "dev.wgsim.scenario.tailnet..")
                .and().resideOutsideOfPackage("dev.wgsim.wg.live..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(Math.class, "random")
                .orShould().callConstructor(java.util.Random.class)
                .orShould().callConstructor(java.security.SecureRandom.class)
                .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
                .because("time is virtual nanoseconds passed in; randomness comes from named seeded streams"));
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
