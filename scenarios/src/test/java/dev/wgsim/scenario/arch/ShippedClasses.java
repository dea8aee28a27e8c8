package dev.wgsim.scenario.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Every module's production classes (no tests), imported once for all architecture rules. */
final class ShippedClasses {
    private static JavaClasses classes;

    private ShippedClasses() {
    }

    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.wgsim");
        }
        return classes;
    }
}
