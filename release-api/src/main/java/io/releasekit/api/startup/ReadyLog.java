package io.releasekit.api.startup;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.releasekit.api.DataDirectory;
import io.releasekit.api.security.AdminTokenFile;
import io.releasekit.api.security.TokenProperties;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line a person starting the service looks for: that it is ready, where it listens, where its data is and
 * where the token to call it comes from, e.g. {@code releasekit ready in 2.1 s at http://127.0.0.1:8080 - data
 * directory /srv/rk/data, token: the generated admin token in /srv/rk/data/admin-token, database:
 * jdbc:h2:file:/srv/rk/data/releasekit}. Never a token, and a database URL only up to its parameters.
 */
@Singleton
public class ReadyLog implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyLog.class);

    private final DataDirectory dataDirectory;
    private final List<TokenProperties> tokens;
    private final boolean jwt;
    private final boolean generateAdminToken;
    private final String databaseUrl;

    ReadyLog(
            DataDirectory dataDirectory,
            List<TokenProperties> tokens,
            @Value("${releasekit.security.jwt.enabled:false}") boolean jwt,
            @Value("${releasekit.security.generate-admin-token:true}") boolean generateAdminToken,
            @Value("${datasources.default.url:}") @Nullable String databaseUrl) {
        this.dataDirectory = dataDirectory;
        this.tokens = tokens;
        this.jwt = jwt;
        this.generateAdminToken = generateAdminToken;
        this.databaseUrl = databaseUrl;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        LOG.info(line(
                event.getSource().getURL().toString(),
                ManagementFactory.getRuntimeMXBean().getUptime()));
    }

    /** The ready line for a service listening at {@code url}, {@code uptimeMillis} after the JVM started. */
    String line(String url, long uptimeMillis) {
        return String.format(
                Locale.ROOT,
                "releasekit ready in %.1f s at %s - data directory %s, token: %s, database: %s",
                uptimeMillis / 1000.0,
                url,
                dataDirectory.path(),
                tokenSource(),
                database(databaseUrl));
    }

    private String tokenSource() {
        String configured = tokens.size() + " static token(s) from releasekit.security.tokens";
        if (!tokens.isEmpty()) {
            return jwt ? configured + " and JWTs" : configured;
        }
        if (jwt) {
            return "JWTs from the configured identity provider";
        }
        if (!generateAdminToken) {
            return "none configured (every call is refused)";
        }
        return "the generated admin token in " + dataDirectory.path().resolve(AdminTokenFile.FILE_NAME);
    }

    /** A JDBC URL without its parameters (H2's after {@code ;}, PostgreSQL's after {@code ?}), which may hold secrets. */
    static String database(String url) {
        if (url == null || url.isBlank()) {
            return "none";
        }
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String plain = url.substring(0, cut);
        int at = plain.indexOf('@');
        int scheme = plain.indexOf("://");
        return at > scheme && scheme >= 0 ? plain.substring(0, scheme + 3) + plain.substring(at + 1) : plain;
    }
}
