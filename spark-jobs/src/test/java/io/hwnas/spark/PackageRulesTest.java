package io.hwnas.spark;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.spark.SparkContext;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layering the architecture promises, checked on the compiled classes of all three modules (this module's test
 * class path holds them): no package depends on itself through others, and only spark-jobs reaches Spark (and the
 * learned cost model, MLlib).
 */
class PackageRulesTest {
    private static final String LEARNED = "io.hwnas.hw.learned..";
    private static JavaClasses hwnas;

    @BeforeAll
    static void importClasses() {
        hwnas = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hwnas");
    }

    @Test
    void noPackageCycles() {
        Graph<String, DefaultEdge> packages = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (JavaClass c : hwnas) {
            packages.addVertex(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (target.startsWith("io.hwnas") && !target.equals(c.getPackageName())) {
                    packages.addVertex(target);
                    packages.addEdge(c.getPackageName(), target);
                }
            }
        }
        // a strongly connected set of more than one package is a cycle (or several)
        List<Set<String>> cycles = new KosarajuStrongConnectivityInspector<>(packages).stronglyConnectedSets().stream()
                .filter(s -> s.size() > 1).map(s -> (Set<String>) new TreeSet<>(s)).toList();
        assertEquals(List.of(), cycles, "packages that depend on each other");
    }

    @Test
    void onlySparkJobsUsesSpark() {
        noClasses().that().resideOutsideOfPackages("io.hwnas.spark..", LEARNED)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..")
                .check(hwnas);
    }

    /**
     * The learned cost model is MLlib trees, loaded with MLlib's readers: that one package of hardware-profiles reaches
     * MLlib and the session that loads, nothing else of Spark (no RDDs, no DataFrames).
     */
    @Test
    void theLearnedCostModelUsesOnlyMllibAndASession() {
        noClasses().that().resideInAPackage(LEARNED)
                .should().dependOnClassesThat(resideInAPackage("org.apache.spark..")
                        .and(not(resideInAnyPackage("org.apache.spark.ml..")))
                        .and(not(nameMatching("org\\.apache\\.spark\\.sql\\.SparkSession.*"))).and(not(type(SparkContext.class))))
                .check(hwnas);
    }
}
