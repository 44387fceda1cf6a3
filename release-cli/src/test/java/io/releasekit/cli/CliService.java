package io.releasekit.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.security.TokenHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The service the CLI's tests talk to: started on a free port with its embedded defaults (H2 in a temporary
 * directory), one token per role and the {@link CliProcesses}; and a way to run the tool against it in this JVM.
 */
final class CliService implements AutoCloseable {

    static final String ADMIN = "rk_cli_test_admin";
    static final String CI = "rk_cli_test_ci";
    static final String READER = "rk_cli_test_reader";
    static final String RM1 = "rk_cli_test_rm1";
    static final String RM2 = "rk_cli_test_rm2";

    private final EmbeddedServer server;

    CliService(Path dataDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("releasekit.data-dir", dataDir.toString());
        // a service is known (and may be forced open before its first call) once it is configured
        p.put("releasekit.services.cli-test-outage.max-attempts", 1);
        token(p, 0, "cli-admin", ADMIN, "admin");
        token(p, 1, "cli-ci", CI, "ci");
        token(p, 2, "cli-reader", READER, "reader");
        token(p, 3, "cli-rm1", RM1, "release-manager");
        token(p, 4, "cli-rm2", RM2, "release-manager");
        server = ApplicationContext.builder()
                .properties(p)
                .singletons((Object[]) CliProcesses.all())
                .start()
                .getBean(EmbeddedServer.class)
                .start();
    }

    private static void token(Map<String, Object> p, int i, String name, String token, String role) {
        p.put("releasekit.security.tokens[" + i + "].name", name);
        p.put("releasekit.security.tokens[" + i + "].sha256", TokenHash.sha256Hex(token));
        p.put("releasekit.security.tokens[" + i + "].roles", role);
    }

    String url() {
        return server.getURI().toString();
    }

    /** Runs {@code releasekit ARGS} with {@code RELEASEKIT_URL} of this service and {@code token}. */
    Result run(String token, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("RELEASEKIT_URL", url());
        env.put("RELEASEKIT_TOKEN", token);
        env.put("HOME", "/nonexistent");
        return Result.of(env, args);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /** What one invocation printed and its exit code. */
    record Result(int code, String out, String err) {

        static Result of(Map<String, String> env, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Releasekit.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Result(code, out.toString(), err.toString());
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
