package io.releasekit.core.artifact.signature;

import io.releasekit.core.ConflictException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A release was refused because a signature is missing, made by an unknown key, bad, or made by an expired or revoked
 * key. Carries every refused check so the caller can show each reason.
 */
public class SignatureRefusedException extends ConflictException {

    private final transient List<SignatureCheck> refused;

    /**
     * @param location where the signed files are, for the message
     * @param refused the refused checks (at least one)
     */
    public SignatureRefusedException(String location, List<SignatureCheck> refused) {
        super("signature check refused " + location + ": "
                + refused.stream().map(SignatureCheck::describe).collect(Collectors.joining("; ")));
        this.refused = List.copyOf(refused);
    }

    /** The refused checks. */
    public List<SignatureCheck> refused() {
        return refused;
    }

    @Override
    public String errorType() {
        return "signature-refused";
    }
}
