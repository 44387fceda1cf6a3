package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.config.SecurityConfigurationProperties;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The security filter's in-place decision gives the library's answers: constant publishers are read where they are,
 * anything else goes through Micronaut Security's reactive path, and both decide alike.
 */
class SynchronousSecurityFilterTest {

    private static final Authentication CI = Authentication.build("ci", List.of(Roles.CI));

    private final AtomicInteger proceeded = new AtomicInteger();
    private final ServerFilterChain chain = new ServerFilterChain() {
        @Override
        public Publisher<MutableHttpResponse<?>> proceed(HttpRequest<?> request) {
            proceeded.incrementAndGet();
            return Mono.just(HttpResponse.ok());
        }
    };

    @Test
    void proceedsWhenTheFirstDecidingRuleAllowsAndSetsThePrincipal() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/x");
        List<String> asked = new ArrayList<>();

        MutableHttpResponse<?> response = run(
                request,
                fetchers(Mono.empty(), Mono.just(CI)),
                rule(asked, "ip", Mono.just(SecurityRuleResult.UNKNOWN)),
                rule(asked, "secured", Mono.just(SecurityRuleResult.ALLOWED)),
                rule(asked, "never", Mono.just(SecurityRuleResult.REJECTED)));

        assertThat(response.code()).isEqualTo(200);
        assertThat(asked).containsExactly("ip", "secured");
        assertThat(request.getAttribute(SecurityFilter.AUTHENTICATION)).contains(CI);
        assertThat(request.getAttribute(SecurityFilter.KEY)).contains(true);
    }

    @Test
    void rejectsWith403AnAuthenticatedCallerAndWith401AnAnonymousOne() {
        HttpRequest<?> withToken = HttpRequest.GET("/api/v1/x");
        assertThatThrownBy(() -> run(withToken, fetchers(Mono.just(CI)), rule(Mono.just(SecurityRuleResult.REJECTED))))
                .isInstanceOf(AuthorizationException.class);
        assertThat(withToken.getAttribute(SecurityFilter.REJECTION)).contains(HttpStatus.FORBIDDEN);

        HttpRequest<?> anonymous = HttpRequest.GET("/api/v1/x");
        assertThatThrownBy(() -> run(anonymous, fetchers(Mono.empty()), rule(Mono.just(SecurityRuleResult.REJECTED))))
                .isInstanceOf(AuthorizationException.class);
        assertThat(anonymous.getAttribute(SecurityFilter.REJECTION)).contains(HttpStatus.UNAUTHORIZED);
        assertThat(proceeded).hasValue(0);
    }

    @Test
    void withoutADecisionProceedsOnlyForARequestThatMatchedNoRoute() {
        assertThat(run(HttpRequest.GET("/nothing"), fetchers(Mono.empty()), rule(Mono.empty()))
                        .code())
                .isEqualTo(200);

        HttpRequest<?> routed = HttpRequest.GET("/api/v1/x");
        routed.setAttribute(io.micronaut.http.HttpAttributes.ROUTE_MATCH, "a route");
        assertThatThrownBy(() -> run(routed, fetchers(Mono.just(CI)), rule(Mono.just(SecurityRuleResult.UNKNOWN))))
                .isInstanceOf(AuthorizationException.class);
        assertThat(proceeded).hasValue(1);
    }

    @Test
    void aRuleThatAnswersLaterGoesThroughTheReactivePathWithTheSameDecision() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/x");
        assertThatThrownBy(() -> run(
                        request,
                        fetchers(Mono.just(CI)),
                        rule(Mono.just(SecurityRuleResult.UNKNOWN)),
                        rule(Mono.fromCallable(() -> SecurityRuleResult.REJECTED))))
                .isInstanceOf(AuthorizationException.class);
        assertThat(request.getAttribute(SecurityFilter.REJECTION)).contains(HttpStatus.FORBIDDEN);

        assertThat(run(
                        HttpRequest.GET("/api/v1/x"),
                        fetchers(Mono.just(CI)),
                        rule(Flux.just(SecurityRuleResult.ALLOWED).hide())))
                .extracting(MutableHttpResponse::code)
                .isEqualTo(200);
    }

    @Test
    void aFetcherThatAnswersLaterGoesThroughTheReactivePath() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/x");
        List<String> asked = new ArrayList<>();

        run(
                request,
                fetchers(Mono.empty(), Mono.fromCallable(() -> CI)),
                rule(asked, "secured", Mono.just(SecurityRuleResult.ALLOWED)));

        assertThat(request.getAttribute(SecurityFilter.AUTHENTICATION)).contains(CI);
        assertThat(asked).containsExactly("secured");
        assertThat(proceeded).hasValue(1);
    }

    @Test
    void aRuleThatFailsFailsTheRequest() {
        assertThatThrownBy(
                        () -> run(HttpRequest.GET("/api/v1/x"), fetchers(Mono.just(CI)), (SecurityRule<HttpRequest<?>>)
                                (r, a) -> {
                                    throw new IllegalStateException("rule broke");
                                }))
                .hasMessage("rule broke");
        assertThat(proceeded).hasValue(0);
    }

    @SafeVarargs
    private MutableHttpResponse<?> run(
            HttpRequest<?> request,
            List<AuthenticationFetcher<HttpRequest<?>>> fetchers,
            SecurityRule<HttpRequest<?>>... rules) {
        SecurityConfigurationProperties config = new SecurityConfigurationProperties();
        config.setRejectNotFound(false);
        SynchronousSecurityFilter filter = new SynchronousSecurityFilter(List.of(rules), fetchers, config);
        return Mono.from(filter.doFilter(request, chain)).block();
    }

    @SafeVarargs
    private static List<AuthenticationFetcher<HttpRequest<?>>> fetchers(Publisher<Authentication>... answers) {
        List<AuthenticationFetcher<HttpRequest<?>>> fetchers = new ArrayList<>();
        for (Publisher<Authentication> answer : answers) {
            fetchers.add(request -> answer);
        }
        return fetchers;
    }

    private static SecurityRule<HttpRequest<?>> rule(Publisher<SecurityRuleResult> answer) {
        return (request, authentication) -> answer;
    }

    private static SecurityRule<HttpRequest<?>> rule(
            List<String> asked, String name, Publisher<SecurityRuleResult> answer) {
        return (request, authentication) -> {
            asked.add(name);
            return answer;
        };
    }
}
