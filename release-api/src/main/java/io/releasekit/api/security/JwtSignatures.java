package io.releasekit.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * JWT signature checks for {@code releasekit.security.jwt.enabled=true}: the identity provider's key set from {@code
 * releasekit.security.jwt.jwks-url} and/or a shared HS256 secret {@code releasekit.security.jwt.secret} (at least 32
 * bytes). Micronaut Security's JWT validator uses every {@link SignatureConfiguration} bean, checks expiry and reads
 * the principal from {@code sub}; {@link ClaimRolesFinder} reads the roles.
 */
@Factory
@Requires(property = "releasekit.security.jwt.enabled", value = "true")
public class JwtSignatures {

    /**
     * The identity provider's key set, when a URL is configured. Micronaut Security makes a non-blocking JWKS
     * signature check (keys fetched and cached) for each bean of this type.
     */
    @Singleton
    @Named("releasekit")
    @Requires(property = "releasekit.security.jwt.jwks-url")
    JwksSignatureConfiguration jwks(
            @Value("${releasekit.security.jwt.jwks-url}") String url,
            @Value("${releasekit.security.jwt.key-type:RSA}") String keyType) {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("releasekit.security.jwt.jwks-url '" + url + "' must be an http(s) URL");
        }
        KeyType type = KeyType.parse(keyType);
        return new JwksSignatureConfiguration() {
            @Override
            public String getUrl() {
                return url;
            }

            @Override
            public KeyType getKeyType() {
                return type;
            }

            @Override
            public Integer getCacheExpiration() {
                return 300;
            }

            @Override
            public String getName() {
                return "releasekit";
            }
        };
    }

    /** The shared-secret signature (HS256), when a secret is configured. */
    @Singleton
    @Named("releasekit-secret")
    @Requires(property = "releasekit.security.jwt.secret")
    SignatureConfiguration secret(@Value("${releasekit.security.jwt.secret}") @Nullable String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "releasekit.security.jwt.secret must be at least 32 bytes (256 bits) for HS256");
        }
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("releasekit-secret");
        config.setSecret(secret);
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(config);
    }
}
