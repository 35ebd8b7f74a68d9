package dev.obslab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code (docs/development.md): one package per feature over shared packages that import no feature,
 * no cycle between any two packages, a package-info.java saying each package's role, no main class over 200 lines.
 */
class ArchitectureTest {

    static final String[] FEATURES = { "dev.obslab.process..", "dev.obslab.logs..", "dev.obslab.settings..",
            "dev.obslab.calls..", "dev.obslab.traffic..", "dev.obslab.scenario.." };
    static final String[] SHARED = { "dev.obslab.random..", "dev.obslab.http..", "dev.obslab.telemetry..",
            "dev.obslab.lifecycle.." };
    private static final Path SOURCES = Path.of("src/main/java/dev/obslab");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.obslab");
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("dev.obslab.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void sharedPackagesImportNoFeature() {
        noClasses().that().resideInAnyPackage(SHARED).should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("shared code serves every feature and knows none").check(main);
    }

    @Test
    void everyPackageSaysItsRole() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<Path> missing = dirs.filter(Files::isDirectory).filter(ArchitectureTest::hasJava)
                    .filter(d -> !Files.exists(d.resolve("package-info.java"))).toList();
            assertEquals(List.of(), missing, "packages without a package-info.java");
        }
    }

    @Test
    void noMainClassOver200Lines() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> long_ = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > 200)
                    .map(f -> f + " (" + lines(f) + " lines)").toList();
            assertEquals(List.of(), long_, "a class this long holds more than one job");
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
