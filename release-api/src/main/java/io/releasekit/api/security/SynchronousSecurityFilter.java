package io.releasekit.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.filters.SecurityFilterConfigurationProperties;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import java.util.Collection;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

/**
 * Micronaut Security's filter, deciding in place when the answers are already there. The library's filter runs every
 * request through a chain of about ten Reactor operators (fetchers, then each rule in turn) even when each fetcher and
 * rule answers with a constant, as the static-token fetcher and the annotation, IP and endpoint rules do; on a light
 * endpoint that chain cost more CPU than the operation (docs/benchmarks.md, session 6).
 *
 * <p>The decision is the library's, step by step: the first authentication a fetcher gives, in order; the rules in
 * order, the first that does not answer UNKNOWN decides; ALLOWED proceeds, REJECTED is a 401 without a principal and a
 * 403 with one (an {@link AuthorizationException}, answered by the exception handler); no decision proceeds only for a
 * request that matched no route while {@code reject-not-found} is off. The same request attributes are set. As soon as
 * a fetcher or a rule answers with a publisher that is not a constant (a JWT validated against a remote key set, a
 * reactive rule), the request goes through the library's own reactive path from the start.
 */
@Replaces(SecurityFilter.class)
@Requires(
        property = SecurityFilterConfigurationProperties.PREFIX + ".enabled",
        notEquals = StringUtils.FALSE,
        defaultValue = StringUtils.TRUE)
@Requires(classes = {HttpServerFilter.class})
@Filter("${" + SecurityFilterConfigurationProperties.PREFIX + ".pattern:" + Filter.MATCH_ALL_PATTERN + "}")
public class SynchronousSecurityFilter extends SecurityFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SynchronousSecurityFilter.class);

    /** A publisher's value known without subscribing: present (its value, or null when empty) or not known. */
    private static final Object NOT_CONSTANT = new Object();

    SynchronousSecurityFilter(
            Collection<SecurityRule<HttpRequest<?>>> securityRules,
            Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
            SecurityConfiguration securityConfiguration) {
        super(securityRules, authenticationFetchers, securityConfiguration);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        try {
            return decide(request, chain);
        } catch (RuntimeException e) {
            return Mono.error(e); // as the reactive path reports an error of a fetcher or rule
        }
    }

    private Publisher<MutableHttpResponse<?>> decide(HttpRequest<?> request, ServerFilterChain chain) {
        request.getAttributes().put(KEY, true);
        Authentication authentication = null;
        for (AuthenticationFetcher<HttpRequest<?>> fetcher : authenticationFetchers) {
            Object found = constant(fetcher.fetchAuthentication(request));
            if (found == NOT_CONSTANT) {
                return super.doFilter(request, chain);
            }
            if (found != null) {
                authentication = (Authentication) found;
                break;
            }
        }
        request.setAttribute(AUTHENTICATION, authentication);
        for (SecurityRule<HttpRequest<?>> rule : securityRules) {
            Object result = constant(rule.check(request, authentication));
            if (result == NOT_CONSTANT) {
                return checkRules(request, chain, authentication);
            }
            if (result == SecurityRuleResult.ALLOWED) {
                log("Authorized request {} {}. The rule provider {} authorized the request.", request, rule);
                return chain.proceed(request);
            }
            if (result == SecurityRuleResult.REJECTED) {
                log("Unauthorized request {} {}. The rule provider {} rejected the request.", request, rule);
                return reject(request, authentication);
            }
        }
        boolean noRoute = request.getAttribute(HttpAttributes.ROUTE_MATCH).isEmpty();
        if (noRoute && !securityConfiguration.isRejectNotFound()) {
            return chain.proceed(request);
        }
        return reject(request, authentication);
    }

    private static Publisher<MutableHttpResponse<?>> reject(
            HttpRequest<?> request, @Nullable Authentication authentication) {
        request.setAttribute(REJECTION, authentication != null ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
        return Mono.error(new AuthorizationException(authentication));
    }

    /** The value of a constant publisher (null when empty), or {@link #NOT_CONSTANT}. */
    private static Object constant(Publisher<?> publisher) {
        if (publisher instanceof Fuseable.ScalarCallable<?> scalar) {
            try {
                return scalar.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return NOT_CONSTANT;
    }

    private static void log(String message, HttpRequest<?> request, SecurityRule<?> rule) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    message,
                    request.getMethod(),
                    request.getPath(),
                    rule.getClass().getName());
        }
    }
}
