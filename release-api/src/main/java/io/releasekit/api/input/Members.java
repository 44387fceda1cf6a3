package io.releasekit.api.input;

/** How a place in a request body is named in messages: {@code dryRun}, {@code targets[1]}, {@code parameters.tag}. */
final class Members {

    private Members() {}

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String display(String path) {
        return path.isEmpty() ? "the request body" : "'" + path + "'";
    }
}
