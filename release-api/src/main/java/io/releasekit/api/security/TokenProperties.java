package io.releasekit.api.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured API token: {@code releasekit.security.tokens[n].name}, {@code .sha256} (hex SHA-256 of the token,
 * never the token) and {@code .roles}.
 */
@EachProperty(value = "releasekit.security.tokens", list = true)
public class TokenProperties {

    private final int index;
    private String name;
    private String sha256;
    private List<String> roles = new ArrayList<>();

    public TokenProperties(@Parameter Integer index) {
        this.index = index;
    }

    /** The position in the list, for error messages. */
    public int getIndex() {
        return index;
    }

    /** The principal name requests made with this token run as. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The token's SHA-256 in hex. */
    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    /** The roles granted: reader, ci, release-manager, admin. */
    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
    }
}
