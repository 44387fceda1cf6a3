package io.releasekit.git.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private GitHttpServer(AppServer server, Path base) {
        this.server = server;
        this.base = base;
    }

    /** Starts a server for the bare repositories under {@code base}, on a free port of the loopback interface. */
    public static GitHttpServer start(Path base) throws Exception {
        AppServer server = new AppServer();
        ServletContextHandler open = server.addContext("/git");
        open.addServlet(servlet(base), "/*");
        ServletContextHandler auth = server.addContext("/auth");
        auth.addServlet(servlet(base), "/*");
        server.authBasic(auth);
        server.setUp();
        return new GitHttpServer(server, base);
    }

    private static GitServlet servlet(Path base) {
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
        servlet.setReceivePackFactory((request, db) -> new ReceivePack(db));
        return servlet;
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
