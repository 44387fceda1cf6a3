package io.releasekit.aws.internal;

import io.releasekit.core.service.ServiceGuards;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsServiceClientConfiguration;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * An STS client whose AssumeRole goes through the {@code sts:<region>} guard, failures translated inside the guard so
 * its breaker counts only the service's own faults. The SDK's credential provider refreshes role credentials on its own
 * schedule, from inside an S3 call; wrapping the STS client (not the provider) guards exactly the network call and
 * leaves cached credentials usable while STS is down.
 */
public final class GuardedStsClient implements StsClient {

    private final StsClient delegate;
    private final ServiceGuards guards;
    private final String service;

    /**
     * @param delegate the real client
     * @param guards the guards, or {@code null} to call STS unguarded (failures are still translated)
     * @param service the service name, {@code sts:<region>}
     */
    public GuardedStsClient(StsClient delegate, ServiceGuards guards, String service) {
        this.delegate = delegate;
        this.guards = guards;
        this.service = service;
    }

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
        Callable<AssumeRoleResponse> call = () -> {
            try {
                return delegate.assumeRole(request);
            } catch (RuntimeException e) {
                throw S3Errors.translate(e, service, "AssumeRole of " + request.roleArn());
            }
        };
        if (guards != null) {
            return guards.call(service, call);
        }
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public StsServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
