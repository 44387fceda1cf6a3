package io.releasekit.git.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.junit.http.AppServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git smart-HTTP server in the test JVM (JGit's {@link GitServlet} on Jetty, via JGit's own test {@link
 * AppServer}), serving the bare repositories in a directory at {@code http://localhost:<port>/git/<name>}. Pushes are
 * allowed without authentication; a second context {@code /auth/<name>} requires basic authentication with {@link
 * #USER} / {@link #PASSWORD}.
 */
public final class GitHttpServer implements AutoCloseable {

    /** The user the {@code /auth} context accepts. */
    public static final String USER = AppServer.username;

    /** That user's password. */
    public static final String PASSWORD = AppServer.password;

    private final AppServer server;
    private final Path base;
    private final Map<String, BooleanSupplier> beforePush;

    private GitHttpServer(AppServer server, Path base, Map<String, BooleanSupplier> beforePush) {
        this.server = server;
        this.base = base;
        this.beforePush = beforePush;
    }

    /** Starts a server for the bare repositories under {@code base}, on a free port of the loopback interface. */
    public static GitHttpServer start(Path base) throws Exception {
        AppServer server = new AppServer();
        Map<String, BooleanSupplier> beforePush = new ConcurrentHashMap<>();
        ServletContextHandler open = server.addContext("/git");
        open.addServlet(servlet(base, beforePush), "/*");
        ServletContextHandler auth = server.addContext("/auth");
        auth.addServlet(servlet(base, beforePush), "/*");
        server.authBasic(auth);
        server.setUp();
        return new GitHttpServer(server, base, beforePush);
    }

    private static GitServlet servlet(Path base, Map<String, BooleanSupplier> beforePush) {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((request, name) -> {
            Path dir = base.resolve(name).normalize();
            if (!dir.startsWith(base) || !Files.isDirectory(dir)) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                return new FileRepositoryBuilder()
                        .setGitDir(dir.toFile())
                        .setMustExist(true)
                        .build();
            } catch (java.io.IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        servlet.setUploadPackFactory((request, db) -> new UploadPack(db));
        servlet.setReceivePackFactory((request, db) -> {
            String name = base.toAbsolutePath()
                    .normalize()
                    .relativize(db.getDirectory().toPath().toAbsolutePath().normalize())
                    .toString();
            BooleanSupplier action = beforePush.get(name);
            if (action != null && action.getAsBoolean()) {
                beforePush.remove(name, action);
            }
            return new ReceivePack(db);
        });
        return servlet;
    }

    /**
     * Runs {@code action} whenever a client opens a push to repository {@code name}, before the server tells it where
     * its refs are — to make someone else's push land between a client's fetch and its push. The action answers
     * whether it did its work; once it has, it is not run again.
     */
    public void beforePush(String name, BooleanSupplier action) {
        beforePush.put(name, action);
    }

    /** A new bare repository served as {@code name}. */
    public RepoFixture createRepository(String name) {
        return RepoFixture.initBare(base.resolve(name));
    }

    /** The URL of the repository {@code name} (no authentication). */
    public String url(String name) {
        return server.getURI() + "/git/" + name;
    }

    /** The URL of the repository {@code name} behind basic authentication. */
    public String authUrl(String name) {
        return server.getURI() + "/auth/" + name;
    }

    /** The directory of the repository {@code name}. */
    public Path path(String name) {
        return base.resolve(name);
    }

    /** The server's port. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws Exception {
        server.tearDown();
    }

    /** Opens a served repository directly (to move it "as someone else" in tests). */
    public Repository open(String name) throws Exception {
        return new FileRepositoryBuilder()
                .setGitDir(path(name).toFile())
                .setMustExist(true)
                .build();
    }
}
