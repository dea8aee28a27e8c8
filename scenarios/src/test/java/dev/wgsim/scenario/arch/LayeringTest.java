package dev.wgsim.scenario.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
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
        production = ShippedClasses.get();
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

    @Test
    void noPublicMutableConstants() {
        DescribedPredicate<JavaClass> mutable = DescribedPredicate.describe("an array or a modifiable collection",
                c -> c.isArray() || c.isAssignableTo(java.util.HashMap.class) || c.isAssignableTo(java.util.ArrayList.class)
                        || c.isAssignableTo(java.util.HashSet.class) || c.isAssignableTo(java.util.TreeMap.class));
        check(noFields().that().arePublic().and().areStatic().should().haveRawType(mutable)
                .because("any caller could rewrite a shared constant; expose a copy or an unmodifiable view"));
    }

    @Test
    void onlyTheCommandLineSetsJvmWideProperties() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.wgsim.scenario.cli.WgsimCommand")
                .should().callMethod(System.class, "setProperty", String.class, String.class)
                .because("library code (tests, the demo, scenarios-junit, Spark tasks share the JVM) must not change"
                        + " java.awt.headless and the like for everyone; the application's main decides"));
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
