package org.paperscout;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, kept by tests (issue 16): Discord stays at the edge, the lower layers (search, store, catalog)
 * never reach up into the commands or a front end, the two front ends know nothing of each other, and the
 * packages under {@code org.paperscout} form no cycle. Production classes only: tests may cross layers to set
 * up a scene. The rules read bytecode, so fully qualified uses count as much as imports.
 */
@AnalyzeClasses(packages = "org.paperscout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] LOWER_LAYERS = {
        "org.paperscout.search..", "org.paperscout.store..", "org.paperscout.catalog.."};
    private static final String[] HIGHER_LAYERS = {
        "org.paperscout.commands..", "org.paperscout.console..", "org.paperscout.discord.."};

    /** Everything but the Discord adapter stays testable and runnable without Discord. */
    @ArchTest
    static final ArchRule onlyTheDiscordPackageUsesJda = noClasses()
            .that().resideOutsideOfPackage("org.paperscout.discord..")
            .should().dependOnClassesThat().resideInAPackage("net.dv8tion..");

    @ArchTest
    static final ArchRule lowerLayersNeverUseCommandsOrFrontEnds = noClasses()
            .that().resideInAnyPackage(LOWER_LAYERS)
            .should().dependOnClassesThat().resideInAnyPackage(HIGHER_LAYERS);

    /** The store is infrastructure: each feature keeps its own store beside it (issue 16), never the reverse. */
    @ArchTest
    static final ArchRule theStoreKnowsNoFeature = noClasses()
            .that().resideInAPackage("org.paperscout.store..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.paperscout.follows..", "org.paperscout.library..", "org.paperscout.privacy..",
                    "org.paperscout.digest..", "org.paperscout.recommend..", "org.paperscout.sources..",
                    "org.paperscout.pulse..", "org.paperscout.eval..", "org.paperscout.find..", "org.paperscout.club..");

    /**
     * The command layer is shared ground (specs, replies, cards, pages): every feature's commands stand on it, so it
     * names none of them (issue 16: /search, /paper and /similar moved out into {@code find}).
     */
    @ArchTest
    static final ArchRule theCommandLayerKnowsNoFeature = noClasses()
            .that().resideInAPackage("org.paperscout.commands..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.paperscout.find..", "org.paperscout.follows..", "org.paperscout.library..",
                    "org.paperscout.privacy..", "org.paperscout.digest..", "org.paperscout.recommend..",
                    "org.paperscout.sources..", "org.paperscout.pulse..", "org.paperscout.eval..", "org.paperscout.club..");

    /** Only the composition root (Main, PaperScout) wires packages together; nothing below it calls back up. */
    @ArchTest
    static final ArchRule nothingUsesTheCompositionRoot = noClasses()
            .that().resideInAPackage("org.paperscout.(*)..")
            .should().dependOnClassesThat().resideInAPackage("org.paperscout");

    /** The floor every package may stand on (backoff, daemon threads): it must not stand on any of them. */
    @ArchTest
    static final ArchRule utilUsesNoOtherPackageOfTheBot = noClasses()
            .that().resideInAPackage("org.paperscout.util..")
            .should().dependOnClassesThat(resideInAPackage("org.paperscout..")
                    .and(not(resideInAPackage("org.paperscout.util.."))));

    /** The bot's words sit under every feature (issue 14): the bundles know no command, feature or front end. */
    @ArchTest
    static final ArchRule i18nUsesNoOtherPackageOfTheBot = noClasses()
            .that().resideInAPackage("org.paperscout.i18n..")
            .should().dependOnClassesThat(resideInAPackage("org.paperscout..")
                    .and(not(resideInAPackage("org.paperscout.i18n.."))));

    @ArchTest
    static final ArchRule theConsoleDoesNotKnowDiscord = noClasses()
            .that().resideInAPackage("org.paperscout.console..")
            .should().dependOnClassesThat().resideInAPackage("org.paperscout.discord..");

    @ArchTest
    static final ArchRule discordDoesNotKnowTheConsole = noClasses()
            .that().resideInAPackage("org.paperscout.discord..")
            .should().dependOnClassesThat().resideInAPackage("org.paperscout.console..");

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("org.paperscout.(*)..").should().beFreeOfCycles();

    /** Guards against rules that pass because they saw nothing (a wrong package name, an empty import). */
    @ArchTest
    static void theRulesSeeJdaInTheDiscordPackageAndCommandsAboveSearch(JavaClasses classes) {
        assertThat(classes.get("org.paperscout.discord.DiscordBot").getDirectDependenciesFromSelf())
                .extracting(Dependency::getTargetClass)
                .anyMatch(target -> target.getPackageName().startsWith("net.dv8tion"));
        assertThat(classes.get("org.paperscout.sources.HttpFetcher").getDirectDependenciesFromSelf())
                .extracting(d -> d.getTargetClass().getPackageName())
                .contains("org.paperscout.util");
        assertThat(classes.get("org.paperscout.find.SearchCommand").getDirectDependenciesFromSelf())
                .extracting(d -> d.getTargetClass().getPackageName())
                .contains("org.paperscout.search");
    }
}
