package io.releasekit.api.input;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.releasekit.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a {@link StrictJson} tree against the Java type a controller binds it to, before the lenient binder sees it.
 * A boolean is only {@code true} or {@code false}; an integer only an integer literal in range; a string only a
 * string; an enum only one of its constants, spelled exactly; a list only an array; {@code null} only for a member
 * declared nullable (it then means absent), never for a required or primitive member, a list element or a map value;
 * every member must be one the type declares, and every member it requires must be there. Messages name the member
 * ({@code targets[1]}) and the value.
 */
public final class BodyShape {

    private static final Set<Class<?>> INTEGERS =
            Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS =
            Set.of(double.class, Double.class, float.class, Float.class, BigDecimal.class, Number.class);

    private BodyShape() {}

    /**
     * Checks {@code tree} against {@code type}.
     *
     * @throws InvalidInputException naming the first member that does not fit
     */
    public static void check(Object tree, Argument<?> type) {
        check(tree, type, "");
    }

    private static void check(Object node, Argument<?> type, String path) {
        Class<?> c = type.getType();
        if (node == StrictJson.NULL) {
            throw new InvalidInputException(Members.display(path) + " is null: "
                    + (c == boolean.class || c == Boolean.class ? "it must be true or false" : "a value is required")
                    + (path.isEmpty() || path.endsWith("]") ? "" : "; leave the member out to get its default"));
        }
        if (c == Object.class) {
            anyJson(node, path);
        } else if (c == Optional.class) {
            check(node, type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT), path);
        } else if (c == String.class || c == CharSequence.class) {
            expect(node instanceof String, path, "a string", node);
        } else if (c == boolean.class || c == Boolean.class) {
            expect(node instanceof Boolean, path, "true or false (a JSON boolean)", node);
        } else if (INTEGERS.contains(c)) {
            expect(node instanceof BigInteger i && fits(i, c), path, "an integer" + range(c), node);
        } else if (NUMBERS.contains(c)) {
            expect(node instanceof BigInteger || node instanceof BigDecimal, path, "a number", node);
        } else if (c.isEnum()) {
            checkEnum(node, c, path);
        } else if (Collection.class.isAssignableFrom(c) || c.isArray() && c != byte[].class) {
            checkList(node, type, path);
        } else if (Map.class.isAssignableFrom(c)) {
            checkMap(node, type, path);
        } else {
            Optional<? extends BeanIntrospection<?>> bean = BeanIntrospector.SHARED.findIntrospection(c);
            if (bean.isPresent()) {
                checkObject(node, bean.get(), path);
            } else {
                // another scalar (a date, a URI, ...): the binder parses its text and refuses it with a message
                expect(
                        node instanceof String || node instanceof BigInteger || node instanceof BigDecimal,
                        path,
                        "a string",
                        node);
            }
        }
    }

    private static void checkEnum(Object node, Class<?> c, String path) {
        List<String> names = Arrays.stream(c.getEnumConstants())
                .map(e -> ((Enum<?>) e).name())
                .toList();
        if (!(node instanceof String s) || !names.contains(s)) {
            throw new InvalidInputException(
                    Members.display(path) + " must be one of " + names + ", was " + describe(node));
        }
    }

    private static void checkList(Object node, Argument<?> type, String path) {
        expect(node instanceof List, path, "an array", node);
        Argument<?> element = type.getType().isArray()
                ? Argument.of(type.getType().getComponentType())
                : type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        List<?> items = (List<?>) node;
        for (int i = 0; i < items.size(); i++) {
            check(items.get(i), element, path + "[" + i + "]");
        }
    }

    private static void checkMap(Object node, Argument<?> type, String path) {
        expect(node instanceof Map, path, "an object", node);
        Argument<?>[] vars = type.getTypeParameters();
        Argument<?> value = vars.length == 2 ? vars[1] : Argument.OBJECT_ARGUMENT;
        ((Map<?, ?>) node).forEach((k, v) -> check(v, value, Members.child(path, (String) k)));
    }

    private static void checkObject(Object node, BeanIntrospection<?> bean, String path) {
        expect(node instanceof Map, path, "an object", node);
        Map<String, Argument<?>> members = members(bean);
        Map<?, ?> given = (Map<?, ?>) node;
        for (Object name : given.keySet()) {
            if (!members.containsKey((String) name)) {
                throw new InvalidInputException("unknown member '" + Members.child(path, (String) name)
                        + "'; accepted: " + new TreeSet<>(members.keySet()));
            }
        }
        members.forEach((name, arg) -> {
            Object v = given.get(name);
            if (v == StrictJson.NULL && arg.isNullable() && !arg.getType().isPrimitive()) {
                return; // declared nullable (the OpenAPI file says so): the same as absent
            }
            if (v == null) {
                if (required(arg)) {
                    throw new InvalidInputException("'" + Members.child(path, name) + "' is required");
                }
            } else {
                check(v, arg, Members.child(path, name));
            }
        });
    }

    /** The members of a record (its components) or bean (its writable properties), by JSON name. */
    private static Map<String, Argument<?>> members(BeanIntrospection<?> bean) {
        Map<String, Argument<?>> members = new LinkedHashMap<>();
        Argument<?>[] constructor = bean.getConstructorArguments();
        if (constructor.length > 0) {
            for (Argument<?> a : constructor) {
                members.put(a.getName(), a);
            }
        } else {
            for (BeanProperty<?, ?> p : bean.getBeanProperties()) {
                if (!p.isReadOnly()) {
                    members.put(p.getName(), p.asArgument());
                }
            }
        }
        return members;
    }

    private static boolean required(Argument<?> a) {
        return !a.getType().isPrimitive() && !a.isNullable() && a.getType() != Optional.class;
    }

    private static void anyJson(Object node, String path) {
        if (node == StrictJson.NULL) {
            check(node, Argument.STRING, path);
        } else if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                anyJson(items.get(i), path + "[" + i + "]");
            }
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> anyJson(v, Members.child(path, (String) k)));
        }
    }

    private static boolean fits(BigInteger i, Class<?> c) {
        if (c == int.class || c == Integer.class) {
            return i.bitLength() < 32;
        }
        if (c == short.class || c == Short.class) {
            return i.bitLength() < 16;
        }
        if (c == long.class || c == Long.class) {
            return i.bitLength() < 64;
        }
        return true;
    }

    private static String range(Class<?> c) {
        if (c == int.class || c == Integer.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (c == long.class || c == Long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "";
    }

    private static void expect(boolean ok, String path, String what, Object node) {
        if (!ok) {
            throw new InvalidInputException(Members.display(path) + " must be " + what + ", was " + describe(node));
        }
    }

    /** A JSON value as a message shows it: {@code string "True"}, {@code number 0}, {@code an object}. */
    static String describe(Object node) {
        if (node instanceof String s) {
            String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
            return "string \"" + shown.replace("\"", "\\\"") + "\"";
        }
        if (node instanceof BigInteger || node instanceof BigDecimal) {
            return "number " + node;
        }
        if (node instanceof Boolean) {
            return "boolean " + node;
        }
        if (node instanceof Map) {
            return "an object";
        }
        if (node instanceof List) {
            return "an array";
        }
        return String.valueOf(node);
    }
}
