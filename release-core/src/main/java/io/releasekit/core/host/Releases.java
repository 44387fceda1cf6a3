package io.releasekit.core.host;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.host.internal.GuardedReleaseHost;
import io.releasekit.core.host.internal.ProtectedReleaseHost;
import io.releasekit.core.protect.WriteOperation;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.Bump;
import io.releasekit.core.version.TagScheme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The release primitives of one repository on a release host, every host call made through the host's service
 * guard. Writes are idempotent (they check before they act) and have a dry run that reads and checks but writes
 * nothing.
 *
 * <pre>{@code
 * Releases releases = new Releases(host, guards);
 * NextReleaseNumber next = releases.next(TagScheme.of("release-"), Bump.PATCH);
 * ReleaseNotes notes = releases.notes(next.previousTag().orElseThrow(), sha, NotesConfig.defaults());
 * releases.create(next.tag()).target(sha).notes(notes.markdown()).call();
 * releases.publish(next.tag(), false);
 * }</pre>
 */
public final class Releases {

    private final ReleaseHost host;
    private final ServiceGuards guards;
    private final Duration maxRateLimitWait;
    private final Sleeper sleeper;

    /**
     * The primitives of {@code host}, guarded by {@code guards}. A rate limit is thrown at once as a {@link
     * RateLimitedException} (see {@link #waitingOutRateLimits}).
     */
    public Releases(ReleaseHost host, ServiceGuards guards) {
        this(host, guards, Duration.ZERO, Sleeper.threadSleep());
    }

    /**
     * The primitives of a host handed out by {@link ReleaseHosts}, which guards its own calls (a host not from a
     * registry is then called unguarded).
     */
    public Releases(ReleaseHost host) {
        this(host, null, Duration.ZERO, Sleeper.threadSleep());
    }

    private Releases(ReleaseHost host, ServiceGuards guards, Duration maxRateLimitWait, Sleeper sleeper) {
        this.host = Objects.requireNonNull(host, "host");
        this.guards = guards;
        this.maxRateLimitWait = Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * A copy that waits out a rate limit once when the host says it resets within {@code max}, then tries again; a
     * longer one is still thrown, for the step to be deferred or the caller to come back later.
     */
    public Releases waitingOutRateLimits(Duration max, Sleeper sleeper) {
        return new Releases(host, guards, max, sleeper);
    }

    /** The host. */
    public ReleaseHost host() {
        return host;
    }

    /** The next release number after the highest tag of the scheme ({@code v1.4.0} + MINOR → {@code v1.5.0}). */
    public NextReleaseNumber next(TagScheme scheme, Bump bump) {
        List<String> tags = call(host::tags);
        List<Release> releases = call(host::releases);
        return NextReleaseNumber.of(scheme, bump, tags, releases);
    }

    /** The release of a tag, drafts included. */
    public Optional<Release> find(String tag) {
        return call(() -> host.findRelease(tag));
    }

    /**
     * The release of a tag.
     *
     * @throws NotFoundException when there is none
     */
    public Release require(String tag) {
        return find(tag)
                .orElseThrow(() -> new NotFoundException("no release for tag '" + tag + "' in " + host.location()));
    }

    /** Starts creating a release at {@code tag} (a draft unless told otherwise). */
    public CreateCommand create(String tag) {
        return new CreateCommand(tag);
    }

    /** Publishes the draft release of a tag, which creates the tag at the release's target. */
    public ReleaseChange publish(String tag, boolean dryRun) {
        Release r = require(tag);
        if (!r.draft()) {
            return new ReleaseChange(
                    ReleaseChange.Change.UNCHANGED, Optional.of(r), "release " + tag + " is already published");
        }
        if (dryRun) {
            return planned(
                    tag,
                    List.of(WriteOperation.PUBLISH),
                    "would publish draft release " + tag + describeTarget(r.target()));
        }
        Release published = call(() -> host.editRelease(r.id(), ReleaseEdit.publish()));
        return new ReleaseChange(ReleaseChange.Change.PUBLISHED, Optional.of(published), "published release " + tag);
    }

    /**
     * Writes the notes of a release, and publishes it in the same call when asked. Notes of a draft (or empty notes)
     * are replaced; a published release that already has other notes is left alone.
     *
     * @throws ConflictException when the release is published with other, non-empty notes
     */
    public ReleaseChange writeNotes(String tag, String notes, boolean publish, boolean dryRun) {
        Release r = require(tag);
        boolean sameNotes = ReleaseSpec.normalizedNotes(notes).equals(ReleaseSpec.normalizedNotes(r.body()));
        boolean publishNow = publish && r.draft();
        if (sameNotes && !publishNow) {
            return new ReleaseChange(
                    ReleaseChange.Change.UNCHANGED, Optional.of(r), "release " + tag + " already has these notes");
        }
        if (!sameNotes && !r.draft() && !r.body().isBlank()) {
            throw new ConflictException("release " + tag + " in " + host.location()
                    + " is published with other notes; releasekit does not overwrite published notes");
        }
        String what = (sameNotes ? "" : "write notes (" + notes.length() + " characters)")
                + (sameNotes || !publishNow ? "" : " and ")
                + (publishNow ? "publish" : "");
        if (dryRun) {
            List<WriteOperation> ops = new ArrayList<>();
            if (!sameNotes) {
                ops.add(WriteOperation.WRITE);
            }
            if (publishNow) {
                ops.add(WriteOperation.PUBLISH);
            }
            return planned(tag, ops, "would " + what + " on release " + tag);
        }
        ReleaseEdit edit = ReleaseEdit.body(notes);
        if (publishNow) {
            edit = edit.withDraft(false);
        }
        ReleaseEdit finalEdit = edit;
        Release updated = call(() -> host.editRelease(r.id(), finalEdit));
        return new ReleaseChange(
                publishNow ? ReleaseChange.Change.PUBLISHED : ReleaseChange.Change.UPDATED,
                Optional.of(updated),
                what.replace("write", "wrote").replace("publish", "published") + " on release " + tag);
    }

    /**
     * Deletes the draft release of a tag; an absent release is nothing to do.
     *
     * @throws ConflictException when the release is published: releasekit deletes drafts only
     */
    public ReleaseChange deleteDraft(String tag, boolean dryRun) {
        Optional<Release> found = find(tag);
        if (found.isEmpty()) {
            return new ReleaseChange(ReleaseChange.Change.UNCHANGED, Optional.empty(), "no release for tag " + tag);
        }
        Release r = found.get();
        if (!r.draft()) {
            throw new ConflictException("release " + tag + " in " + host.location()
                    + " is published; releasekit deletes draft releases only");
        }
        if (dryRun) {
            return planned(tag, List.of(WriteOperation.DELETE), "would delete draft release " + tag);
        }
        call(() -> {
            host.deleteRelease(r.id());
            return null;
        });
        return new ReleaseChange(ReleaseChange.Change.DELETED, Optional.empty(), "deleted draft release " + tag);
    }

    /** Release notes from the pull requests merged between two refs (e.g. the previous tag and the release commit). */
    public ReleaseNotes notes(String from, String to, NotesConfig config) {
        return ReleaseNotes.compose(call(() -> host.mergedPullRequests(from, to)), config);
    }

    /** Release notes from the pull requests merged within a date window with the given labels. */
    public ReleaseNotes notes(PullRequestSearch search, NotesConfig config) {
        return ReleaseNotes.compose(call(() -> host.mergedPullRequests(search)), config);
    }

    /** The checks of a ref right now, measured against a requirement. */
    public ChecksEvaluation checks(String ref, CheckRequirement requirement) {
        return requirement.evaluate(call(() -> host.checks(ref)));
    }

    /**
     * Waits until the required checks of a ref passed, one failed, or {@code timeout} passed; every read goes through
     * the guard.
     */
    public ChecksOutcome awaitChecks(
            String ref,
            CheckRequirement requirement,
            Duration timeout,
            Duration interval,
            ChecksWaiter waiter,
            Consumer<ChecksEvaluation> onPoll)
            throws InterruptedException {
        return waiter.await(() -> call(() -> host.checks(ref)), requirement, timeout, interval, onPoll);
    }

    /**
     * Attaches a file to the release of a tag (idempotent: the same file again is a no-op). The whole upload runs
     * within one guarded call, so the guard's time limit must cover the largest upload.
     */
    public Asset upload(String tag, AssetUpload upload) {
        Release r = require(tag);
        return call(() -> host.uploadAsset(r.id(), upload));
    }

    private <T> T call(Callable<T> action) {
        try {
            return guarded(action);
        } catch (RateLimitedException e) {
            Duration wait = e.retryAfter().orElse(Duration.ofMinutes(1));
            if (wait.compareTo(maxRateLimitWait) > 0) {
                throw e;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException(host.service(), "interrupted while waiting out a rate limit", ie);
            }
            return guarded(action);
        }
    }

    /** A host handed out by {@link ReleaseHosts} guards its own calls: then one guard, not two nested ones. */
    private <T> T guarded(Callable<T> action) {
        if (guards == null || host instanceof GuardedReleaseHost || host instanceof ProtectedReleaseHost) {
            try {
                return action.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return guards.call(host.service(), action);
    }

    /** A dry run's change: its writes go to the plan at the port (when the host is protected). */
    private ReleaseChange planned(String tag, List<WriteOperation> operations, String summary) {
        plan(tag, summary, operations.toArray(WriteOperation[]::new));
        return new ReleaseChange(ReleaseChange.Change.PLANNED, Optional.empty(), summary);
    }

    /**
     * Plans writes to the release of {@code tag} that a dry run cannot ask this class about (the release is only
     * planned by an earlier step, so there is nothing to compare yet): added to the plan of a run being planned when
     * the host came from a protected {@link ReleaseHosts}, ignored otherwise.
     *
     * @param operations e.g. {@link WriteOperation#WRITE} for notes, {@link WriteOperation#PUBLISH}
     */
    public void plan(String tag, String text, WriteOperation... operations) {
        if (host instanceof ProtectedReleaseHost p) {
            p.planned(tag, List.of(operations), text);
        }
    }

    private static String describeTarget(String target) {
        return target.isEmpty() ? "" : " (tag created from " + target + ")";
    }

    /** Creates a release; required: the tag, optional: everything else. Single use. */
    public final class CreateCommand {
        private ReleaseSpec spec;
        private boolean dryRun;

        private CreateCommand(String tag) {
            this.spec = ReleaseSpec.draft(tag);
        }

        /** The title (default: the tag). */
        public CreateCommand name(String value) {
            spec = spec.withName(value);
            return this;
        }

        /** The notes in Markdown. */
        public CreateCommand notes(String value) {
            spec = spec.withBody(value);
            return this;
        }

        /** The branch or full commit id the tag is created from (default: the default branch). */
        public CreateCommand target(String value) {
            spec = spec.withTarget(value);
            return this;
        }

        /** Whether to create a draft (default) or publish at once. */
        public CreateCommand draft(boolean value) {
            spec = spec.withDraft(value);
            return this;
        }

        /** Whether to mark the release as a pre-release. */
        public CreateCommand prerelease(boolean value) {
            spec = spec.withPrerelease(value);
            return this;
        }

        /** Read and check only; report what would be created. */
        public CreateCommand dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        /**
         * Creates the release, or returns the existing one of the tag when it matches.
         *
         * @throws ConflictException naming the differing fields when a different release exists for the tag
         */
        public ReleaseChange call() {
            Optional<Release> existing = find(spec.tag());
            if (existing.isPresent()) {
                List<String> diff =
                        spec.differencesFrom(existing.get(), ref -> Releases.this.call(() -> host.resolveCommit(ref)));
                if (!diff.isEmpty()) {
                    throw new ConflictException("a different release already exists for tag '" + spec.tag() + "' in "
                            + host.location() + ": " + String.join("; ", diff));
                }
                return new ReleaseChange(
                        ReleaseChange.Change.UNCHANGED, existing, "release " + spec.tag() + " already exists");
            }
            String kind = spec.draft() ? "draft release " : "release ";
            if (dryRun) {
                return planned(
                        spec.tag(),
                        ProtectedReleaseHost.createOperations(spec),
                        "would create " + kind + spec.tag()
                                + describeTarget(spec.target().orElse("")));
            }
            CreatedRelease created = Releases.this.call(() -> host.createRelease(spec));
            return new ReleaseChange(
                    created.created() ? ReleaseChange.Change.CREATED : ReleaseChange.Change.UNCHANGED,
                    Optional.of(created.release()),
                    (created.created() ? "created " : "found existing ") + kind + spec.tag());
        }
    }
}
