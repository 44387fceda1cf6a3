package io.releasekit.aws.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * AWS STS on WireMock: answers {@code Action=AssumeRole} form POSTs per {@code RoleArn} with the XML the real service
 * sends ({@code AssumeRoleResponse/AssumeRoleResult/Credentials}), or with an {@code ErrorResponse}, or with a fault.
 */
public final class StsServer implements AutoCloseable {

    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final WireMockServer wm;

    private StsServer() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    /** Starts a server on a random loopback port. */
    public static StsServer start() {
        return new StsServer();
    }

    /** The endpoint to give the STS client. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + wm.port());
    }

    /** AssumeRole of {@code roleArn} returns these keys, valid for an hour. */
    public StsServer grant(String roleArn, String accessKeyId, String secretAccessKey) {
        String account = roleArn.split(":")[4];
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String xml = "<AssumeRoleResponse xmlns=\"" + NS + "\">\n"
                + "  <AssumeRoleResult>\n"
                + "    <AssumedRoleUser>\n"
                + "      <Arn>arn:aws:sts::" + account + ":assumed-role/" + roleName + "/releasekit</Arn>\n"
                + "      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:releasekit</AssumedRoleId>\n"
                + "    </AssumedRoleUser>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + accessKeyId + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + secretAccessKey + "</SecretAccessKey>\n"
                + "      <SessionToken>IQoJb3JpZ2luX2VjEXAMPLE" + UUID.randomUUID() + "</SessionToken>\n"
                + "      <Expiration>" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                + "</Expiration>\n"
                + "    </Credentials>\n"
                + "    <PackedPolicySize>6</PackedPolicySize>\n"
                + "  </AssumeRoleResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + UUID.randomUUID() + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</AssumeRoleResponse>\n";
        wm.stubFor(assumeRole(roleArn)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(xml)));
        return this;
    }

    /** AssumeRole of {@code roleArn} is refused with 403 AccessDenied, as when the trust policy does not allow it. */
    public StsServer deny(String roleArn) {
        return error(
                roleArn,
                403,
                "Sender",
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not "
                        + "authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    /** AssumeRole of {@code roleArn} fails with an STS error response. */
    public StsServer error(String roleArn, int status, String type, String code, String message) {
        String xml = "<ErrorResponse xmlns=\"" + NS + "\">\n"
                + "  <Error>\n"
                + "    <Type>" + type + "</Type>\n"
                + "    <Code>" + code + "</Code>\n"
                + "    <Message>" + message + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + UUID.randomUUID() + "</RequestId>\n"
                + "</ErrorResponse>\n";
        wm.stubFor(assumeRole(roleArn)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(xml)));
        return this;
    }

    /** AssumeRole of {@code roleArn} has its connection reset. */
    public StsServer reset(String roleArn) {
        wm.stubFor(assumeRole(roleArn).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return this;
    }

    /** The AssumeRole requests received for {@code roleArn}. */
    public List<LoggedRequest> assumeRoleRequests(String roleArn) {
        return wm.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("RoleArn=" + encode(roleArn))));
    }

    @Override
    public void close() {
        wm.stop();
    }

    private static MappingBuilder assumeRole(String roleArn) {
        return post(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("RoleArn=" + encode(roleArn)));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
