package io.releasekit.api.protect;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.TargetPattern;
import io.releasekit.core.protect.WriteOperation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns {@code releasekit.protection.rules.*} into rules, with messages naming the bad key. */
final class ProtectionRules {

    private static final Set<WriteOperation> STORE_OPS = EnumSet.of(WriteOperation.WRITE, WriteOperation.DELETE);
    private static final Set<WriteOperation> TAG_OPS = EnumSet.of(WriteOperation.CREATE, WriteOperation.PUSH);
    private static final Set<WriteOperation> IMAGE_OPS = EnumSet.of(WriteOperation.WRITE, WriteOperation.DELETE);
    private static final Set<WriteOperation> BRANCH_OPS = EnumSet.complementOf(EnumSet.of(WriteOperation.WRITE));

    private ProtectionRules() {}

    /**
     * The rules, checked against the configured store, repository and image registry names.
     *
     * @throws InvalidInputException naming the key of the first bad value
     */
    static List<ProtectionRule> of(
            Collection<ProtectionRuleProperties> all,
            Collection<String> stores,
            Collection<String> repositories,
            Collection<String> registries) {
        List<ProtectionRule> out = new ArrayList<>();
        for (ProtectionRuleProperties p : all) {
            out.add(rule(p, stores, repositories, registries));
        }
        return out;
    }

    private static ProtectionRule rule(
            ProtectionRuleProperties p,
            Collection<String> stores,
            Collection<String> repositories,
            Collection<String> registries) {
        String key = "releasekit.protection.rules." + p.getName() + ".";
        boolean store = p.getStore() != null;
        boolean repo = p.getRepository() != null;
        boolean registry = p.getRegistry() != null;
        if ((store ? 1 : 0) + (repo ? 1 : 0) + (registry ? 1 : 0) != 1) {
            throw new InvalidInputException(
                    key + "store, " + key + "repository or " + key + "registry must be set (exactly one of them)");
        }
        if (!registry && p.getImageRepository() != null) {
            throw new InvalidInputException(key + "image-repository needs " + key + "registry (the image registry)");
        }
        TargetPattern target;
        Set<WriteOperation> allowed;
        if (registry) {
            if (!registries.contains(p.getRegistry())) {
                throw new InvalidInputException(key + "registry names '" + p.getRegistry()
                        + "', which is not a configured image registry; configured: " + registries);
            }
            if (p.getImageRepository() == null || p.getImageRepository().isBlank()) {
                throw new InvalidInputException(key + "image-repository must name an image repository or glob,"
                        + " e.g. packit/packit-service or packit/**");
            }
            target = new TargetPattern.ImageRepositories(p.getRegistry(), p.getImageRepository());
            allowed = IMAGE_OPS;
        } else if (store) {
            if (!stores.contains(p.getStore())) {
                throw new InvalidInputException(key + "store names '" + p.getStore()
                        + "', which is not a configured store; configured: " + stores);
            }
            target = new TargetPattern.StorePrefix(p.getStore(), p.getPrefix());
            allowed = STORE_OPS;
        } else {
            if (!repositories.contains(p.getRepository())) {
                throw new InvalidInputException(key + "repository names '" + p.getRepository()
                        + "', which is not a configured repository; configured: " + repositories);
            }
            if ((p.getBranch() == null) == (p.getTag() == null)) {
                throw new InvalidInputException(key + "branch or " + key + "tag must be set (exactly one of them)");
            }
            target = p.getBranch() != null
                    ? new TargetPattern.Branches(p.getRepository(), p.getBranch())
                    : new TargetPattern.Tags(p.getRepository(), p.getTag());
            allowed = p.getBranch() != null ? BRANCH_OPS : TAG_OPS;
        }
        Set<WriteOperation> ops = EnumSet.noneOf(WriteOperation.class);
        if (p.getOperations() == null || p.getOperations().isEmpty()) {
            throw new InvalidInputException(key + "operations must name at least one of "
                    + allowed.stream().map(WriteOperation::label).toList());
        }
        for (String o : p.getOperations()) {
            WriteOperation op;
            try {
                op = WriteOperation.parse(o);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(key + "operations: " + e.getMessage());
            }
            if (!allowed.contains(op)) {
                throw new InvalidInputException(
                        key + "operations: '" + op.label() + "' does not apply to this target;" + " it takes "
                                + allowed.stream().map(WriteOperation::label).toList());
            }
            ops.add(op);
        }
        if (p.getApprovals() < 1 || p.getApprovals() > 10) {
            throw new InvalidInputException(key + "approvals must be between 1 and 10, was " + p.getApprovals());
        }
        if (p.getRole() == null || p.getRole().isBlank()) {
            throw new InvalidInputException(key + "role must name a role, e.g. release-manager");
        }
        return new ProtectionRule(
                p.getName(), target, ops, new ApprovalPolicy(p.getApprovals(), p.getRole(), p.isRequesterMayApprove()));
    }
}
