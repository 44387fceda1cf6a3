package io.releasekit.notify.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.redact.Redactor;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

/** Checks of configured URLs. */
public final class Urls {

    private Urls() {}

    /**
     * Parses a configured URL and requires {@code https}, or {@code http} to a loopback host (tests, a local relay) or
     * when {@code allowHttp} is set. Credentials travel in these requests; plain HTTP to another host would expose
     * them.
     *
     * @param value the URL
     * @param what what it is, for messages ({@code "url of channel 'ops'"})
     * @param secretPath whether the URL's path is itself a credential (webhooks): then it is never shown
     * @throws InvalidInputException naming the setting, never a secret path
     */
    public static URI require(String value, String what, boolean secretPath, boolean allowHttp) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what + " is missing");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException(what + " is not a valid URL" + (secretPath ? "" : ": '" + value + "'"));
        }
        String shown = secretPath ? Redactor.safeUrl(uri) : uri.toString();
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new InvalidInputException(what + " must be an absolute http(s) URL, was '" + shown + "'");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && (allowHttp || loopback(uri.getHost()))) {
            return uri;
        }
        throw new InvalidInputException(
                what + " must use https (http only for localhost, or with allow-http), was '" + shown + "'");
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false; // never resolve names here
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
