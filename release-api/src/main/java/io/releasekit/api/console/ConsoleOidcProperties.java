package io.releasekit.api.console;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code releasekit.console.oidc.*}: the console's "Log in with your identity provider" button, an OpenID Connect
 * authorization-code login (with PKCE) at the provider that issues the JWTs the API accepts
 * ({@code releasekit.security.jwt.*}). The token it brings back is checked by the same validators, and its roles are
 * read by the same claim mapping, as a bearer JWT sent to the API.
 *
 * <pre>{@code
 * releasekit:
 *   console:
 *     oidc:
 *       issuer: https://keycloak.example.com/realms/acme   # discovery: <issuer>/.well-known/openid-configuration
 *       client-id: releasekit-console
 *       client-secret: ${RELEASEKIT_OIDC_CLIENT_SECRET}     # omit for a public client (PKCE only)
 *       scopes: openid profile
 *       provider-name: Keycloak                             # the button's label
 *       # redirect-uri: https://releasekit.example.com/console/login/oidc/callback   (default: from the request)
 * }</pre>
 */
@ConfigurationProperties("releasekit.console.oidc")
public class ConsoleOidcProperties {

    private String issuer;
    private String clientId;
    private String clientSecret;
    private String scopes = "openid profile";
    private String providerName = "your identity provider";
    private String redirectUri;

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getProviderName() {
        return providerName;
    }

    public void setProviderName(String providerName) {
        this.providerName = providerName;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }
}
