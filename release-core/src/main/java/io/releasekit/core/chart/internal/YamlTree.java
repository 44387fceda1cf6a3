package io.releasekit.core.chart.internal;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML document composed into nodes (no objects are constructed, so no tag can make the parser build a Java type),
 * with the scalars' exact positions for in-place edits. Not API.
 */
public final class YamlTree {

    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final String file;
    private final String text;
    private final Optional<Node> root;

    private YamlTree(String file, String text, Optional<Node> root) {
        this.file = file;
        this.text = text;
        this.root = root;
    }

    /**
     * Parses one YAML document.
     *
     * @throws InvalidInputException naming the file and position when it is not YAML
     */
    public static YamlTree parse(String file, String text) {
        if (text.length() > MAX_BYTES) {
            throw new InvalidInputException("'" + file + "' is larger than " + MAX_BYTES + " characters");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            return new YamlTree(file, text, new Compose(settings).composeString(text));
        } catch (YamlEngineException e) {
            throw new InvalidInputException("'" + file + "' is not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    /** The file name. */
    public String file() {
        return file;
    }

    /** The text parsed. */
    public String text() {
        return text;
    }

    /** The root node, empty for an empty document. */
    public Optional<Node> root() {
        return root;
    }

    /** The scalar at a path of mapping keys, if there is one. */
    public Optional<ScalarNode> scalar(String... keys) {
        Optional<Node> n = root;
        for (String k : keys) {
            n = n.flatMap(x -> child(x, k));
        }
        return n.filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
    }

    /** The value of a key in a mapping node. */
    public static Optional<Node> child(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(t.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    /** The string of a scalar child, if it is a non-empty scalar. */
    public static Optional<String> string(Node node, String key) {
        return child(node, key)
                .filter(ScalarNode.class::isInstance)
                .map(n -> ((ScalarNode) n).getValue())
                .filter(v -> !v.isEmpty() && !v.equals("null") && !v.equals("~"));
    }

    /** Visits every mapping entry, depth first, with the path of keys leading to it. */
    public void visit(Visitor visitor) {
        root.ifPresent(r -> visit(r, new ArrayList<>(), visitor));
    }

    private static void visit(Node node, List<String> path, Visitor visitor) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                path.add(k.getValue());
                if (visitor.entry(List.copyOf(path), t.getValueNode())) {
                    visit(t.getValueNode(), path, visitor);
                }
                path.remove(path.size() - 1);
            }
        } else if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                path.add("[" + i + "]");
                visit(s.getValue().get(i), path, visitor);
                path.remove(path.size() - 1);
            }
        }
    }

    /** Called for each mapping entry; answers whether to descend into its value. */
    @FunctionalInterface
    public interface Visitor {
        /** One entry: the key path and the value node. */
        boolean entry(List<String> path, Node value);
    }

    /** The 1-based line of a node. */
    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** A path as text: {@code images.tags.api}, {@code ingress.hosts[0]}. */
    public static String path(List<String> keys) {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            if (!k.startsWith("[") && b.length() > 0) {
                b.append('.');
            }
            b.append(k);
        }
        return b.toString();
    }

    /** The text with one scalar's value replaced, in the same quoting style, everything else unchanged. */
    public String replace(ScalarNode node, String value) {
        int start = offset(node.getStartMark().orElseThrow().getIndex());
        int end = offset(node.getEndMark().orElseThrow().getIndex());
        String written =
                switch (node.getScalarStyle()) {
                    case DOUBLE_QUOTED -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                    case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
                    case PLAIN -> plainSafe(value) ? value : "\"" + value + "\"";
                    default ->
                        throw new InvalidInputException("'" + file + "' line " + line(node)
                                + ": a block scalar cannot be rewritten in place; write the value on one line");
                };
        return text.substring(0, start) + written + text.substring(end);
    }

    private static boolean plainSafe(String v) {
        return v.matches("[A-Za-z0-9_./@+-][A-Za-z0-9_./:@+-]*") && !v.matches("[0-9.]+")
                || v.matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private int offset(int codePointIndex) {
        return text.offsetByCodePoints(0, codePointIndex);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
