package io.releasekit.process.protect;

import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.process.git.GitProcesses;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The run kinds release-processes defines: every concrete {@link ProcessDefinition} among its main classes, by its
 * {@code KIND} constant (each such class has one; the api module registers kinds by it). Read from the class files, so
 * a new kind is found without anyone listing it.
 */
final class RunKinds {

    private RunKinds() {}

    static Set<String> defined() throws Exception {
        Path root = Path.of(GitProcesses.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> kinds = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, RunKinds.class.getClassLoader());
                if (!name.contains("$") // a nested definition is a part of its outer kind
                        && ProcessDefinition.class.isAssignableFrom(c)
                        && !c.isInterface()
                        && !Modifier.isAbstract(c.getModifiers())) {
                    kinds.add(kind(c));
                }
            }
        }
        return kinds;
    }

    private static String kind(Class<?> c) throws ReflectiveOperationException {
        try {
            Field f = c.getField("KIND");
            return (String) f.get(null);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(c.getName() + " is a run kind without a public KIND constant", e);
        }
    }
}
