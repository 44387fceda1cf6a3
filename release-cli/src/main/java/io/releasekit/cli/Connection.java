package io.releasekit.cli;

import io.releasekit.client.invoker.ApiClient;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where the service is and which token to send: {@code RELEASEKIT_URL} and {@code RELEASEKIT_TOKEN} from the
 * environment, else the config file ({@code RELEASEKIT_CONFIG}, default {@code ~/.config/releasekit/config}, lines
 * {@code url=...} and {@code token=...}). A config file that holds a token must be readable by its owner only (0600
 * or 0400): the tool refuses one that group or others may read.
 *
 * @param url the service's base URL
 * @param token the bearer token
 */
public record Connection(URI url, String token) {

    /** The config file's default place below the home directory. */
    static final String DEFAULT_CONFIG = ".config/releasekit/config";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    public Connection {
        if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new CliException(ExitCodes.NOT_CONNECTED, "the service URL '" + url + "' is not an http(s) URL");
        }
        if (token == null || token.isBlank()) {
            throw new CliException(
                    ExitCodes.NOT_CONNECTED, "no token: set RELEASEKIT_TOKEN or token= in the config file");
        }
    }

    /**
     * Resolves the connection: {@code urlOption} (from {@code --url}) first, then the environment, then the config
     * file.
     */
    static Connection resolve(String urlOption, Map<String, String> env) {
        Properties file = readConfig(configPath(env));
        String url = firstOf(urlOption, env.get("RELEASEKIT_URL"), file.getProperty("url"));
        String token = firstOf(env.get("RELEASEKIT_TOKEN"), file.getProperty("token"));
        if (url == null) {
            throw new CliException(
                    ExitCodes.NOT_CONNECTED,
                    "no service URL: set RELEASEKIT_URL, url= in the config file, or --url (e.g. http://127.0.0.1:8080)");
        }
        try {
            return new Connection(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), token);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.NOT_CONNECTED, "the service URL '" + url + "' is not a URL");
        }
    }

    /** A client of the generated API sending the token. */
    ApiClient client() {
        ApiClient client = new ApiClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)),
                ApiClient.createDefaultObjectMapper(),
                url.toString());
        client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token));
        return client;
    }

    static Path configPath(Map<String, String> env) {
        String explicit = env.get("RELEASEKIT_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home).resolve(DEFAULT_CONFIG);
    }

    /** The config file's properties; none when it does not exist; refused when others may read it. */
    static Properties readConfig(Path path) {
        Properties p = new Properties();
        if (!Files.isRegularFile(path)) {
            return p;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new CliException(
                        ExitCodes.NOT_CONNECTED,
                        "config file " + path + " may be read by others ("
                                + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                                + "): it holds a token, run chmod 600 " + path);
            }
            try (Reader r = Files.newBufferedReader(path)) {
                p.load(r);
            }
            return p;
        } catch (IOException e) {
            throw new CliException(ExitCodes.NOT_CONNECTED, "cannot read config file " + path + ": " + e.getMessage());
        }
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
