package io.releasekit.api.problem;

/**
 * What the OpenAPI file says about each problem response: its description and an example body. The {@code type}
 * values are those of docs/errors.md; {@link ProblemResponses} puts them on the operations.
 */
final class ProblemDocs {

    static final String BAD_REQUEST = "`invalid-input`: a value can never work (a bad ref name or version, malformed"
            + " JSON, an unknown member or query parameter, a wrong type); `detail` names the member and the value."
            + " Nothing was written.";
    static final String BAD_REQUEST_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/invalid-input\","
            + "\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"'dryRun' must be true or false (a JSON boolean), was string \\\"yes\\\"\","
            + "\"instance\":\"/api/v1/repositories/app/tags\"}";

    static final String UNAUTHORIZED = "`unauthorized`: no bearer token, or one the service does not know.";
    static final String UNAUTHORIZED_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/unauthorized\","
            + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Unauthorized\",\"instance\":\"/api/v1/runs\"}";

    static final String FORBIDDEN = "`forbidden`: the token lacks the operation's role (or approves its own run where"
            + " the policy forbids it); `approval-required`: a write to a protected target without its approvals, start"
            + " a run instead (`POST /api/v1/runs`), which waits for them. Nothing was written.";
    static final String FORBIDDEN_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/forbidden\","
            + "\"title\":\"Forbidden\",\"status\":403,\"detail\":\"Forbidden\","
            + "\"instance\":\"/api/v1/services/github/reset\"}";

    static final String NOT_FOUND = "`not-found`: no such configured repository, store, channel, registry or"
            + " pipeline, or no such run, run kind, ref or object.";
    static final String NOT_FOUND_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/not-found\","
            + "\"title\":\"Not Found\",\"status\":404,\"detail\":\"no repository named 'app2' is configured\","
            + "\"instance\":\"/api/v1/repositories/app2/tags\"}";

    static final String CONFLICT = "`conflict`: the request contradicts the current state (a tag at another commit, an"
            + " object that differs, a run not awaiting approval); `unplanned-write`: a write the run's plan did not"
            + " name; `check-failed`: a release check refused what it checked.";
    static final String CONFLICT_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/conflict\","
            + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"tag 'v1.2.0' exists at 3f2a9c1, not at 9b8e7d6\","
            + "\"instance\":\"/api/v1/repositories/app/tags\"}";

    static final String IDEMPOTENCY =
            "`idempotency-key-reused`: the Idempotency-Key was used before with another" + " request.";
    static final String IDEMPOTENCY_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/idempotency-key-reused\","
            + "\"title\":\"Unprocessable Entity\",\"status\":422,"
            + "\"detail\":\"Idempotency-Key 'ci-4711' was used with another request\",\"instance\":\"/api/v1/runs\"}";

    static final String RATE_LIMITED = "`rate-limited`: an outside service's rate limit; `retryAfterSeconds` and the"
            + " Retry-After header say when to try again.";
    static final String RATE_LIMITED_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/rate-limited\","
            + "\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"GitHub rate limit reached\","
            + "\"instance\":\"/api/v1/github/repositories/cfn/releases\",\"service\":\"github\","
            + "\"retryAfterSeconds\":60}";

    static final String UNAVAILABLE = "`service-unavailable`: an outside service failed or its circuit breaker is open;"
            + " `service` names it, `retryAfterSeconds` and the Retry-After header say when to try again where known.";
    static final String UNAVAILABLE_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/service-unavailable\","
            + "\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"service 'github' is unavailable: circuit breaker OPEN\","
            + "\"instance\":\"/api/v1/github/repositories/cfn/releases\",\"service\":\"github\","
            + "\"retryAfterSeconds\":30}";

    static final String CHANNEL_REJECTED = "`channel-rejected`: a chat service refused releasekit's request (token"
            + " revoked, bot not in the channel); the channel's configuration must change.";
    static final String CHANNEL_REJECTED_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/channel-rejected\","
            + "\"title\":\"Bad Gateway\",\"status\":502,"
            + "\"detail\":\"slack refused the request for channel 'ops-slack': not_in_channel\","
            + "\"instance\":\"/api/v1/notifications\",\"service\":\"slack\"}";

    static final String INTERNAL = "`internal-error`: a bug; the server log has the details, the answer never does.";
    static final String INTERNAL_EXAMPLE = "{\"type\":\"https://releasekit.io/problems/internal-error\","
            + "\"title\":\"Internal Server Error\",\"status\":500,"
            + "\"detail\":\"internal error; the server log has the details\",\"instance\":\"/api/v1/runs\"}";

    private ProblemDocs() {}
}
