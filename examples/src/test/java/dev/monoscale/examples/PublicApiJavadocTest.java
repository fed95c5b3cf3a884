package dev.monoscale.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public method and constructor of the API a library user touches has Javadoc: the packages the quickstart and
 * the README's library section use (cards, tasks, workers, pools, plans and policies; memory and its store; the
 * onboarding use case), the round's settings, the model-free parts {@code Onboarding.ofWorkers} wires, and the
 * routers. The sources are parsed (not compiled) with the JDK's own compiler API, so the check needs nothing but the
 * JDK. A compact record constructor is documented by its record's {@code @param}s, and an {@code @Override} inherits
 * the documentation of the method it implements; neither needs its own comment.
 */
class PublicApiJavadocTest {

    private static final Path CORE = Path.of("../monoscale-core/src/main/java/dev/monoscale");
    private static final Path ROUTING = Path.of("../monoscale-routing/src/main/java/dev/monoscale/routing");

    /** Whole packages, and single types of the packages a user touches only in part. */
    private static final List<Path> API = List.of(
            CORE.resolve("core"),
            CORE.resolve("memory"),
            CORE.resolve("onboarding"),
            CORE.resolve("gate/GateConfig.java"),
            CORE.resolve("gate/GatePolicy.java"),
            CORE.resolve("gate/GateRule.java"),
            CORE.resolve("execution/WarmupExecutor.java"),
            CORE.resolve("synthesis/WarmupSynthesizer.java"),
            CORE.resolve("synthesis/CardWarmupSynthesizer.java"),
            CORE.resolve("synthesis/CardExampleCatalogue.java"),
            CORE.resolve("synthesis/AnsweredChecker.java"),
            CORE.resolve("distillation/Distiller.java"),
            CORE.resolve("distillation/EvidenceDistiller.java"),
            ROUTING.resolve("MemoryRouter.java"),
            ROUTING.resolve("MemoryRouterConfig.java"),
            ROUTING.resolve("EmbeddedRouter.java"),
            ROUTING.resolve("EmbeddedRouterConfig.java"));

    @Test
    void every_public_method_and_constructor_of_the_library_api_has_javadoc() throws IOException {
        List<Path> files = API.stream().flatMap(PublicApiJavadocTest::javaFiles).toList();
        assertThat(files).as("the API's sources").hasSizeGreaterThan(40);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> undocumented = new ArrayList<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) compiler.getTask(
                    null,
                    fileManager,
                    null,
                    List.of("-proc:none"),
                    null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Undocumented(docs, undocumented).scan(unit, null);
            }
        }
        assertThat(undocumented)
                .as("public methods and constructors without Javadoc")
                .isEmpty();
    }

    private static Stream<Path> javaFiles(Path path) {
        if (!Files.isDirectory(path)) {
            return Stream.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list
                    .filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects {@code File.java: Type.method} for each public member of a public type that has no doc comment. */
    private static final class Undocumented extends TreePathScanner<Void, Void> {

        private final DocTrees docs;
        private final List<String> found;
        private final List<String> types = new ArrayList<>();

        Undocumented(DocTrees docs, List<String> found) {
            this.docs = docs;
            this.found = found;
        }

        @Override
        public Void visitClass(ClassTree type, Void unused) {
            boolean inInterface =
                    !types.isEmpty() && isInterface(getCurrentPath().getParentPath());
            if (!type.getModifiers().getFlags().contains(Modifier.PUBLIC) && !inInterface) {
                return null; // a package-private type, and everything in it, is not API
            }
            types.add(type.getSimpleName().toString());
            super.visitClass(type, null);
            types.removeLast();
            return null;
        }

        @Override
        public Void visitMethod(MethodTree method, Void unused) {
            TreePath path = getCurrentPath();
            boolean inInterface = isInterface(path.getParentPath());
            Set<Modifier> flags = method.getModifiers().getFlags();
            boolean visible = flags.contains(Modifier.PUBLIC) || (inInterface && !flags.contains(Modifier.PRIVATE));
            boolean override = method.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            boolean compact = method.getReturnType() == null && isRecord(path.getParentPath()) && compact(path, method);
            if (visible && !override && !compact && docs.getDocCommentTree(path) == null) {
                String name = method.getName().contentEquals("<init>")
                        ? "<init>"
                        : method.getName().toString();
                found.add(path.getCompilationUnit().getSourceFile().getName().replaceAll(".*/", "") + ": "
                        + String.join(".", types) + "." + name + "("
                        + method.getParameters().size() + " parameters)");
            }
            return null;
        }

        /** A compact constructor is written without a parameter list: its source has no '(' before its body. */
        private boolean compact(TreePath path, MethodTree method) {
            CompilationUnitTree unit = path.getCompilationUnit();
            long start = docs.getSourcePositions().getStartPosition(unit, method);
            long body = docs.getSourcePositions().getStartPosition(unit, method.getBody());
            try {
                return !unit.getSourceFile()
                        .getCharContent(true)
                        .subSequence((int) start, (int) body)
                        .toString()
                        .contains("(");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean isInterface(TreePath path) {
            return path != null && path.getLeaf().getKind() == Tree.Kind.INTERFACE;
        }

        private static boolean isRecord(TreePath path) {
            return path != null && path.getLeaf().getKind() == Tree.Kind.RECORD;
        }
    }
}
