package io.releasekit.api.input;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteMatch;
import io.releasekit.api.problem.ReleaseExceptionHandler;
import io.releasekit.core.InvalidInputException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Strict input for every API operation, in one place: after authentication and authorization, and before the
 * controller's lenient binder runs, a JSON body is read as exactly one document ({@link StrictJson}) and checked
 * against the type the operation binds it to ({@link BodyShape}); boolean and integer query values are checked to be
 * {@code true}/{@code false} and integers, given once; a query parameter the operation does not take, or a body sent to
 * an operation that takes none, is refused too. Anything else is a 400 problem naming the member and the value, so a
 * mistake ({@code "dryRun": "yes"}, {@code ?dryrun=true}, a typo'd member, a second document) never becomes a write.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class StrictInputFilter implements Ordered {

    private static final Set<Class<?>> BOOLEANS = Set.of(boolean.class, Boolean.class);
    private static final Set<Class<?>> INTEGERS =
            Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class);
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private final ReleaseExceptionHandler problems;
    /** What each route's arguments ask of a request, worked out once per route rather than on every request. */
    private final Map<Object, Plan> plans = new ConcurrentHashMap<>();

    StrictInputFilter(ReleaseExceptionHandler problems) {
        this.problems = problems;
    }

    /** Refuses a malformed body or query value with a 400 problem; otherwise lets the request through. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request, @Nullable RouteMatch<?> route, @Nullable @Body byte[] body) {
        // every controller operation, whatever spelling of its path matched; management endpoints keep their own rules
        if (!(route instanceof MethodBasedRouteMatch<?, ?> method)) {
            return null;
        }
        Plan plan = plans.computeIfAbsent(route.getRouteInfo(), info -> Plan.of(method));
        if (plan == Plan.NONE) {
            return null;
        }
        try {
            for (Check check : plan.checks()) {
                if (check.body()) {
                    checkBody(request, check.arg(), body);
                } else {
                    checkQueryValue(request, check.arg());
                }
            }
            if (!plan.takesBody() && body != null && body.length > 0) {
                throw new InvalidInputException(
                        "this operation takes no request body; send none (its input is the path and query)");
            }
            if (!plan.readsAllQueryValues() && hasQuery(request)) {
                for (String name : request.getParameters().names()) {
                    if (!plan.queryNames().contains(name)) {
                        throw new InvalidInputException("unknown query parameter '" + shorten(name) + "'; accepted: "
                                + new TreeSet<>(plan.queryNames()));
                    }
                }
            }
            return null;
        } catch (InvalidInputException e) {
            return problems.handle(request, e);
        }
    }

    /** One argument to check: a body (or a part of it) or a boolean or integer query value. */
    private record Check(Argument<?> arg, boolean body) {}

    /**
     * The checks of one operation in its arguments' order, whether it takes a body, whether it reads every query value
     * itself, and the query names it takes.
     */
    private record Plan(List<Check> checks, boolean takesBody, boolean readsAllQueryValues, Set<String> queryNames) {

        /** Nothing to check: a management endpoint, which keeps its own rules. */
        static final Plan NONE = new Plan(List.of(), true, true, Set.of());

        static Plan of(MethodBasedRouteMatch<?, ?> method) {
            if (method.getDeclaringType().isAnnotationPresent(Endpoint.class)) {
                return NONE;
            }
            List<Check> checks = new ArrayList<>();
            boolean takesBody = false;
            boolean readsAllQueryValues = false;
            Set<String> queryNames = new HashSet<>();
            for (Argument<?> arg : method.getArguments()) {
                if (arg.getAnnotationMetadata().hasAnnotation(Body.class)) {
                    takesBody = true;
                    checks.add(new Check(arg, true));
                } else if (HttpRequest.class.isAssignableFrom(arg.getType())) {
                    readsAllQueryValues = true; // e.g. a preflight's parameters as query values
                } else if (bindsFromQuery(arg)) {
                    queryNames.add(queryName(arg));
                    if (BOOLEANS.contains(arg.getType()) || INTEGERS.contains(arg.getType())) {
                        checks.add(new Check(arg, false));
                    }
                }
            }
            return new Plan(List.copyOf(checks), takesBody, readsAllQueryValues, Set.copyOf(queryNames));
        }
    }

    /** Whether the request target has a query, read from Netty's request line when it is there (no URI parsed). */
    private static boolean hasQuery(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            return netty.getNativeRequest().uri().indexOf('?') >= 0;
        }
        String query = request.getUri().getRawQuery();
        return query != null && !query.isEmpty();
    }

    private static boolean bindsFromQuery(Argument<?> arg) {
        if (arg.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
            return true;
        }
        return !arg.getAnnotationMetadata().hasAnnotation(PathVariable.class)
                && !arg.getAnnotationMetadata().hasAnnotation(Header.class)
                && !Principal.class.isAssignableFrom(arg.getType())
                && !Authentication.class.isAssignableFrom(arg.getType())
                && (arg.getType().isPrimitive()
                        || arg.getType() == String.class
                        || Number.class.isAssignableFrom(arg.getType())
                        || arg.getType() == Boolean.class);
    }

    private static String queryName(Argument<?> arg) {
        return arg.getAnnotationMetadata()
                .stringValue(QueryValue.class)
                .filter(s -> !s.isEmpty())
                .orElse(arg.getName());
    }

    private static void checkBody(HttpRequest<?> request, Argument<?> arg, @Nullable byte[] body) {
        Class<?> type = arg.getType();
        if (type == byte[].class || type == String.class || type == Object.class) {
            return; // taken as it is (webhook deliveries are checked by their signature)
        }
        Optional<MediaType> contentType = request.getContentType();
        if (contentType.isPresent() && !isJson(contentType.get())) {
            return; // the router answers 415
        }
        if (body == null || body.length == 0) {
            if (arg.isNullable()) {
                return;
            }
            throw new InvalidInputException("the request body is required: send a JSON object");
        }
        BodyShape.check(StrictJson.parse(body), arg);
    }

    private static void checkQueryValue(HttpRequest<?> request, Argument<?> arg) {
        Class<?> type = arg.getType();
        boolean bool = BOOLEANS.contains(type);
        if (!bool && !INTEGERS.contains(type)) {
            return;
        }
        String name = queryName(arg);
        List<String> values = request.getParameters().getAll(name);
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw new InvalidInputException(
                    "query parameter '" + name + "' is given " + values.size() + " times: give it once");
        }
        String v = values.get(0);
        if (bool && !v.equals("true") && !v.equals("false")) {
            throw new InvalidInputException(
                    "query parameter '" + name + "' must be true or false, was '" + shorten(v) + "'");
        }
        if (!bool && !INTEGER.matcher(v).matches()) {
            throw new InvalidInputException(
                    "query parameter '" + name + "' must be an integer, was '" + shorten(v) + "'");
        }
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    private static String shorten(String v) {
        return v.length() > 60 ? v.substring(0, 60) + "..." : v;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
