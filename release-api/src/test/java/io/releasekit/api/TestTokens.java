package io.releasekit.api;

/**
 * The API tokens configured for tests in {@code application-test.yml}, one per role (two release managers for the
 * two-person rule). Micronaut test clients send {@link #ADMIN} unless a request sets its own {@code Authorization}
 * header; use {@link #bearer(String)} to call as someone else.
 */
public final class TestTokens {

    /** Token of principal {@code test-admin}, role admin (all roles). */
    public static final String ADMIN = "rk_test_admin_token_for_tests_only";

    /** Token of principal {@code test-rm1}, role release-manager. */
    public static final String RELEASE_MANAGER_1 = "rk_test_rm1_token_for_tests_only";

    /** Token of principal {@code test-rm2}, role release-manager. */
    public static final String RELEASE_MANAGER_2 = "rk_test_rm2_token_for_tests_only";

    /** Token of principal {@code test-ci}, role ci. */
    public static final String CI = "rk_test_ci_token_for_tests_only";

    /** Token of principal {@code test-reader}, role reader. */
    public static final String READER = "rk_test_reader_token_for_tests_only";

    /** Principal names, as the API reports them (e.g. {@code requestedBy}, approvals). */
    public static final String ADMIN_NAME = "test-admin";

    public static final String RELEASE_MANAGER_1_NAME = "test-rm1";
    public static final String RELEASE_MANAGER_2_NAME = "test-rm2";
    public static final String CI_NAME = "test-ci";
    public static final String READER_NAME = "test-reader";

    private TestTokens() {}

    /** The value of an {@code Authorization} header for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
