package io.releasekit.process.recipe;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.host.BlogPost;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.PullRequestSearch;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.TagExpectation;
import io.releasekit.core.image.TagWaiter;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import io.releasekit.process.image.ImageWaitProcess;
import io.releasekit.process.notify.DeploymentProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code packit.deployment} (seed 004, Packit's weekly production deployment): the {@code deployment} process of the
 * notify module — set the Matrix and Slack topics, run the deployment, restore the topics (those steps run always, so a
 * failure never leaves the notice up) — with Packit's deployment steps inside:
 *
 * <ol>
 *   <li>{@code fetch:<repository>}, {@code move-stable:<repository>}, {@code push-stable:<repository>} (when
 *       {@code moveStable} names configured git repositories): the steps of {@code git.move-branch}, moving
 *       {@code stable} to {@code main} and pushing it — fast-forward only; with the explicit parameter {@code force} a
 *       diverged {@code stable} (a fix cherry-picked into production) is replaced by {@code main}, which needs one
 *       release manager's approval and is reported with the id {@code stable} had ({@code old} output);
 *   <li>{@code wait-images:<repository>}: {@code github.wait-checks} on the {@code stable} branch of each configured
 *       repository (the image builds) — for a repository this run moved (same name in {@code moveStable}), at the very
 *       commit it pushed, so a GitHub still answering last week's {@code stable} cannot pass the wait;
 *   <li>{@code wait-registry:<repository>} (for each of {@code images}): the image on its registry, for a repository
 *       this run moved built from the very commit pushed (its {@code org.opencontainers.image.revision} label) —
 *       beside the GitHub checks, or instead of them with {@code githubChecks=false};
 *   <li>{@code blog-post}: the weekly post drafted from the pull requests merged in the window with the
 *       {@code has-release-notes} label, per repository; the Markdown is in the step's {@code blogMarkdown} output;
 *   <li>{@code blog-pull-request} (with {@code blogRepository}): the post opened as a pull request on the blog
 *       repository ({@link BlogPullRequestStep}); the Mastodon thread links it when no {@code blogUrlTemplate} is
 *       given;
 *   <li>{@code mastodon-post} (when {@code mastodonChannel} is given, deferrable): the top news posted to Mastodon, split
 *       into a thread of posts of at most 500 characters by the channel.
 * </ol>
 *
 * <p>The moves come after the topics are set and before the image builds are waited for, so a failed move (a diverged
 * {@code stable} without {@code force}) fails the run with the topics restored, and no image build is waited for.
 */
public final class PackitDeploymentProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "packit.deployment";

    private final DeploymentProcess deployment;
    private final PackitVerification verification;

    /**
     * The recipe without git repositories: {@code stable} is moved elsewhere (a {@code git.move-branch} run per
     * repository before this one); a run naming {@code moveStable} is refused.
     *
     * @param notifiers the configured chat channels
     * @param hosts the configured GitHub repositories
     * @param waitChecks the {@code github.wait-checks} process
     * @param clock for the blog post's window and date
     */
    public PackitDeploymentProcess(
            Notifiers notifiers, ReleaseHosts hosts, GitHubWaitChecksProcess waitChecks, Clock clock) {
        this(notifiers, hosts, waitChecks, null, clock);
    }

    /**
     * The recipe, moving {@code stable} to {@code main} in the repositories a run names in {@code moveStable}.
     *
     * @param notifiers the configured chat channels
     * @param hosts the configured GitHub repositories
     * @param waitChecks the {@code github.wait-checks} process
     * @param moveBranch the {@code git.move-branch} process whose steps move {@code stable}, or {@code null}
     * @param clock for the blog post's window and date
     */
    public PackitDeploymentProcess(
            Notifiers notifiers,
            ReleaseHosts hosts,
            GitHubWaitChecksProcess waitChecks,
            MoveBranchProcess moveBranch,
            Clock clock) {
        this(notifiers, hosts, waitChecks, moveBranch, null, clock);
    }

    /**
     * The recipe that can also wait for the images on their registry ({@code images} parameter).
     *
     * @param notifiers the configured chat channels
     * @param hosts the configured GitHub repositories
     * @param waitChecks the {@code github.wait-checks} process
     * @param moveBranch the {@code git.move-branch} process whose steps move {@code stable}, or {@code null}
     * @param images the configured image registries, or {@code null} (then a run naming {@code images} is refused)
     * @param clock for the blog post's window and date, and the image waits
     */
    public PackitDeploymentProcess(
            Notifiers notifiers,
            ReleaseHosts hosts,
            GitHubWaitChecksProcess waitChecks,
            MoveBranchProcess moveBranch,
            ImageRegistries images,
            Clock clock) {
        this(notifiers, hosts, waitChecks, moveBranch, images, null, null, clock);
    }

    /**
     * The recipe that can also check staging before it starts and wait for production to report the commits it moved
     * {@code stable} to ({@code staging} and {@code production} parameters).
     *
     * @param notifiers the configured chat channels
     * @param hosts the configured GitHub repositories
     * @param waitChecks the {@code github.wait-checks} process
     * @param moveBranch the {@code git.move-branch} process whose steps move {@code stable}, or {@code null}
     * @param images the configured image registries, or {@code null} (then a run naming {@code images} is refused)
     * @param deployments the configured deployments' status endpoints, or {@code null} (then a run naming {@code
     *     staging} or {@code production} is refused)
     * @param waiter schedules the re-reads of production's status, or {@code null} without deployments
     * @param clock for the blog post's window and date, and the image waits
     */
    public PackitDeploymentProcess(
            Notifiers notifiers,
            ReleaseHosts hosts,
            GitHubWaitChecksProcess waitChecks,
            MoveBranchProcess moveBranch,
            ImageRegistries images,
            DeploymentStatuses deployments,
            DeploymentWaiter waiter,
            Clock clock) {
        this.verification = new PackitVerification(hosts, deployments, waiter);
        this.deployment = new DeploymentProcess(
                notifiers,
                new Inner(notifiers, hosts, waitChecks, moveBranch, images, verification, clock),
                Set.of(PackitVerification.VERIFY_PRODUCTION));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Packit's weekly deployment: topics on Matrix and Slack, move stable to main, wait for the stable image"
                + " builds, blog post"
                + " from PRs with release notes, Mastodon thread, topics restored (seed 004)";
    }

    @Override
    public ParameterSpec parameters() {
        return deployment.parameters();
    }

    @Override
    public List<Step> steps(RunParameters parameters) {
        // the staging check comes before the topics: a failed check changes nothing, not even the banner
        List<Step> steps = new ArrayList<>(verification.stagingCheck(parameters));
        steps.addAll(deployment.steps(parameters));
        return steps;
    }

    @Override
    public ApprovalPolicy approvalPolicy(RunParameters parameters) {
        return deployment.approvalPolicy(parameters);
    }

    /** The output holding the commit a repository's {@code stable} was moved to (not in a dry run). */
    static String movedKey(String repo) {
        return "stable." + repo + ".commit";
    }

    /** The output holding the commit a repository's {@code stable} was at before this run moved it (not in a dry run). */
    static String oldKey(String repo) {
        return "stable." + repo + ".old";
    }

    private static final Pattern IMAGE = Pattern.compile("([^=]+)=([^/]+)/([^:]+):(.+)");

    /** The deployment's own steps, run between the topic steps. */
    private static final class Inner implements ProcessDefinition {
        private final Notifiers notifiers;
        private final ReleaseHosts hosts;
        private final GitHubWaitChecksProcess waitChecks;
        private final MoveBranchProcess moveBranch;
        private final ImageRegistries images;
        private final PackitVerification verification;
        private final Clock clock;

        Inner(
                Notifiers notifiers,
                ReleaseHosts hosts,
                GitHubWaitChecksProcess waitChecks,
                MoveBranchProcess moveBranch,
                ImageRegistries images,
                PackitVerification verification,
                Clock clock) {
            this.verification = verification;
            this.notifiers = notifiers;
            this.hosts = hosts;
            this.waitChecks = waitChecks;
            this.moveBranch = moveBranch;
            this.images = images;
            this.clock = clock;
        }

        @Override
        public String kind() {
            return "packit.deployment-steps";
        }

        @Override
        public String description() {
            return "Packit's deployment steps";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder()
                    .strings("repositories", true, "configured GitHub repositories deployed from their stable branch")
                    .strings(
                            "moveStable",
                            false,
                            "configured git repositories whose stable branch is moved to main and pushed before the"
                                    + " image builds are waited for (fast-forward only unless force)")
                    .string("main", false, "the branch stable is moved to (default main)")
                    .bool(
                            "force",
                            false,
                            "with moveStable: replace a diverged stable by main, dropping its own commits (default"
                                    + " false; needs one release manager's approval)")
                    .string("ref", false, "branch moved and whose image builds to wait for (default stable)")
                    .strings("required", false, "check names that must pass; default: all reported")
                    .bool("githubChecks", false, "wait for the GitHub checks of stable (default true)")
                    .strings(
                            "images",
                            false,
                            "images to wait for on their registry, <repository>=<registry>/<image repository>:<tag>;"
                                    + " for a repository this run moved, built from the commit pushed")
                    .integer("timeoutSeconds", false, "how long to wait for the builds (default 3600)")
                    .integer("intervalSeconds", false, "pause between reads of the checks (default 30)")
                    .string("project", false, "project name in the blog post title (default Packit)")
                    .string("label", false, "label of pull requests with release notes (default has-release-notes)")
                    .integer(
                            "days",
                            false,
                            "for a repository not in moveStable, the blog post covers the last N days (default 7); one"
                                    + " in moveStable: the pull requests since its previous stable")
                    .string(
                            "blogTitleTemplate",
                            false,
                            "the blog post's title, with $PROJECT, $MONTH and $YEAR (default \"$PROJECT in $MONTH"
                                    + " $YEAR\")")
                    .string(
                            "blogUrlTemplate",
                            false,
                            "where the post will be published, linked from the Mastodon thread; $SLUG (of the title),"
                                    + " $PROJECT, $MONTH, $YEAR, e.g. https://packit.dev/posts/$SLUG")
                    .string(
                            "blogRepository",
                            false,
                            "configured GitHub repository of the blog: the post is opened there as a pull request from"
                                    + " branch blog/$SLUG (default: the post stays a draft in the run's outputs)")
                    .string(
                            "blogPathTemplate",
                            false,
                            "with blogRepository: the post's file, with $SLUG, $PROJECT, $MONTH, $MM and $YEAR"
                                    + " (default content/posts/$YEAR-$MM-$SLUG.md)")
                    .string("mastodonChannel", false, "configured Mastodon channel for the top news")
                    .with(PackitVerification::parameters)
                    .build();
        }

        @Override
        public ApprovalPolicy approvalPolicy(RunParameters p) {
            List<String> moves = p.strings("moveStable");
            if (moves.isEmpty() || moveBranch == null) {
                return ApprovalPolicy.none();
            }
            return moveBranch.approvalPolicy(moveParameters(p, moves.get(0)));
        }

        @Override
        public List<Step> steps(RunParameters p) {
            List<String> repos = p.strings("repositories");
            repos.forEach(hosts::get); // unknown names fail before anything runs
            List<Step> steps = new ArrayList<>(moveStable(p));
            for (String repo : p.bool("githubChecks", true) ? repos : List.<String>of()) {
                Map<String, Object> mapped = new LinkedHashMap<>();
                mapped.put("repository", repo);
                mapped.put("ref", p.optionalString("ref").orElse("stable"));
                Map<String, Object> plan = new LinkedHashMap<>(p.asMap());
                plan.putAll(mapped);
                for (Step s : waitChecks.steps(RunParameters.of(plan))) {
                    // a repository moved by this run: wait at the commit pushed, not at whatever GitHub says the
                    // branch is (right after a push it may still answer last week's commit, whose builds passed)
                    steps.add(new MappedStep(s, "wait-images:" + repo, mapped, Map.of("ref", movedKey(repo))));
                }
            }
            steps.addAll(imageWaits(p));
            // the topics are restored after this; when it fails they keep the notice (see DeploymentProcess)
            steps.addAll(verification.productionWait(p));
            steps.add(new BlogPostStep(hosts, repos, clock));
            p.optionalString("blogRepository")
                    .ifPresent(blog -> steps.add(new BlogPullRequestStep(blog, hosts.get(blog))));
            if (p.optionalString("blogPathTemplate").isPresent()
                    && p.optionalString("blogRepository").isEmpty()) {
                throw new InvalidInputException("parameter 'blogPathTemplate' needs parameter 'blogRepository'");
            }
            p.optionalString("mastodonChannel")
                    .ifPresent(name -> steps.add(
                            new MastodonStep(notifiers.resolve(List.of(name)).get(0))));
            return steps;
        }

        /**
         * {@code image.wait} per image: for a repository this run moved, until the tag holds an image built from the
         * commit pushed (label {@code org.opencontainers.image.revision}); otherwise until the tag exists.
         */
        private List<Step> imageWaits(RunParameters p) {
            List<Step> steps = new ArrayList<>();
            for (String spec : p.strings("images")) {
                Matcher m = IMAGE.matcher(spec);
                if (!m.matches()) {
                    throw new InvalidInputException("parameter 'images' takes <repository>=<registry>/<image"
                            + " repository>:<tag>, e.g. packit-service=quay/packit/packit-service:stable, was '" + spec
                            + "'");
                }
                if (images == null) {
                    throw new InvalidInputException(
                            "parameter 'images' is refused: this server has no image registries");
                }
                String repo = m.group(1);
                String key = movedKey(repo);
                steps.add(ImageWaitProcess.step(
                        "wait-registry:" + repo,
                        new TagWaiter(clock, Sleeper.threadSleep()),
                        images.get(m.group(2)),
                        m.group(3),
                        m.group(4),
                        ctx -> ctx.output(key).map(TagExpectation::revision).orElse(TagExpectation.exists()),
                        Duration.ofSeconds(p.integer("timeoutSeconds", 3600)),
                        Duration.ofSeconds(p.integer("intervalSeconds", 30))));
            }
            return steps;
        }

        /** {@code git.move-branch}'s own steps per repository, renamed per repository. */
        private List<Step> moveStable(RunParameters p) {
            List<String> moves = p.strings("moveStable");
            if (moves.isEmpty()) {
                if (p.bool("force", false)) {
                    throw new InvalidInputException(
                            "parameter 'force' applies to the move of stable: it needs parameter 'moveStable'");
                }
                return List.of();
            }
            if (moveBranch == null) {
                throw new InvalidInputException("parameter 'moveStable' " + moves
                        + " is refused: this server has no git repositories for packit.deployment; move stable with"
                        + " git.move-branch runs");
            }
            if (moves.stream().distinct().count() != moves.size()) {
                throw new InvalidInputException("parameter 'moveStable' names a repository twice: " + moves);
            }
            List<Step> steps = new ArrayList<>();
            for (String repo : moves) {
                Map<String, Object> mapped = moveParameters(p, repo).asMap();
                for (Step s : moveBranch.steps(RunParameters.of(mapped))) {
                    Step step = s.name().equals("move-branch")
                            ? new RecordsMovedCommit(s, movedKey(repo), oldKey(repo))
                            : s;
                    steps.add(new MappedStep(step, moveStepName(s.name(), repo), mapped, Map.of()));
                }
            }
            return steps;
        }

        private static RunParameters moveParameters(RunParameters p, String repo) {
            Map<String, Object> mapped = new LinkedHashMap<>();
            mapped.put("repository", repo);
            mapped.put("branch", p.optionalString("ref").orElse("stable"));
            mapped.put("to", p.optionalString("main").orElse("main"));
            mapped.put("force", p.bool("force", false));
            return RunParameters.of(mapped);
        }

        private static String moveStepName(String step, String repo) {
            return switch (step) {
                case "move-branch" -> "move-stable:" + repo;
                case "push-branch" -> "push-stable:" + repo;
                default -> step + ":" + repo;
            };
        }
    }

    /**
     * {@code git.move-branch}'s move step, unchanged, that also records the commit {@code stable} is at after it under
     * a key of its repository (the step's own {@code new} output is shared by every repository's move). A dry run
     * records nothing: nothing was pushed, so the image builds are read for the branch as it is.
     */
    private static final class RecordsMovedCommit implements Step {
        private final Step move;
        private final String key;
        private final String oldKey;

        RecordsMovedCommit(Step move, String key, String oldKey) {
            this.move = move;
            this.key = key;
            this.oldKey = oldKey;
        }

        @Override
        public String name() {
            return move.name();
        }

        @Override
        public List<ServiceNeed> services() {
            return move.services();
        }

        @Override
        public boolean writes() {
            return move.writes();
        }

        @Override
        public boolean runsAlways() {
            return move.runsAlways();
        }

        @Override
        public StepOutcome execute(StepContext ctx) throws Exception {
            StepOutcome outcome = move.execute(ctx);
            String moved = outcome.outputs().get("new");
            if (moved == null) {
                return outcome;
            }
            Map<String, String> outputs = new LinkedHashMap<>(outcome.outputs());
            outputs.put(key, moved);
            String old = outcome.outputs().get("old");
            if (old != null) {
                outputs.put(oldKey, old);
            }
            return outcome instanceof StepOutcome.Skipped
                    ? StepOutcome.skipped(outcome.summary(), outputs)
                    : StepOutcome.succeeded(outcome.summary(), outputs);
        }
    }

    /**
     * Drafts the blog post from the pull requests with release notes (reads only): for a repository whose {@code stable}
     * this run moves, those merged between the commit the move replaced and the one it pushed (in a dry run: between
     * the branches as they are); for another, those merged in the last {@code days}. The title comes from a template.
     */
    private static final class BlogPostStep implements Step {
        private final ReleaseHosts hosts;
        private final List<String> repos;
        private final Clock clock;

        BlogPostStep(ReleaseHosts hosts, List<String> repos, Clock clock) {
            this.hosts = hosts;
            this.repos = repos;
            this.clock = clock;
        }

        @Override
        public String name() {
            return "blog-post";
        }

        @Override
        public List<ServiceNeed> services() {
            return repos.stream()
                    .map(r -> hosts.get(r).service())
                    .distinct()
                    .map(ServiceNeed::deferrable)
                    .toList();
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            RunParameters p = ctx.parameters();
            LocalDate until = LocalDate.now(clock);
            LocalDate windowStart = until.minusDays(Math.max(1, p.integer("days", 7)) - 1);
            String label = p.optionalString("label").orElse("has-release-notes");
            List<BlogPost.RepositoryChanges> changes = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            Map<String, String> out = new LinkedHashMap<>();
            LocalDate since = until;
            for (String repo : repos) {
                List<PullRequest> prs = pullRequests(ctx, repo, label, windowStart, until, out);
                changes.add(new BlogPost.RepositoryChanges(repo, prs));
                prs.forEach(pr -> titles.add(pr.title()));
                for (PullRequest pr : prs) {
                    LocalDate merged = pr.mergedAt()
                            .map(m -> m.atZone(ZoneOffset.UTC).toLocalDate())
                            .orElse(until);
                    since = merged.isBefore(since) ? merged : since;
                }
            }
            String project = p.optionalString("project").orElse("Packit");
            BlogPost post = BlogPost.draft(project, since, until, until, List.of(), changes)
                    .retitled(fill(p.optionalString("blogTitleTemplate").orElse(DEFAULT_TITLE), project, until));
            out.put("blogTitle", post.title());
            out.put("blogDate", until.toString());
            out.put("blogMarkdown", post.markdown());
            out.put("blogNews", String.join("\n", titles));
            p.optionalString("blogUrlTemplate")
                    .ifPresent(u -> out.put("blogUrl", fill(u, project, until).replace("$SLUG", slug(post.title()))));
            return StepOutcome.succeeded(
                    "drafted \"" + post.title() + "\" from " + titles.size() + " pull request(s) labelled " + label,
                    out);
        }

        private List<PullRequest> pullRequests(
                StepContext ctx, String repo, String label, LocalDate since, LocalDate until, Map<String, String> out) {
            RunParameters p = ctx.parameters();
            ReleaseHost host = hosts.get(repo);
            if (!p.strings("moveStable").contains(repo)) {
                out.put("blogRange." + repo, "merged " + since + ".." + until);
                return host.mergedPullRequests(PullRequestSearch.mergedBetween(since, until)
                        .withLabels(label.isBlank() ? List.of() : List.of(label)));
            }
            // since the previous stable: the commit the move replaced, up to the one it pushed
            String from =
                    ctx.output(oldKey(repo)).orElse(p.optionalString("ref").orElse("stable"));
            String to =
                    ctx.output(movedKey(repo)).orElse(p.optionalString("main").orElse("main"));
            out.put("blogRange." + repo, from + ".." + to);
            if (from.equals(to)) {
                return List.of();
            }
            return host.mergedPullRequests(from, to).stream()
                    .filter(pr -> label.isBlank() || pr.hasLabel(label))
                    .toList();
        }
    }

    /** The default title: "Packit in November 2026". */
    static final String DEFAULT_TITLE = "$PROJECT in $MONTH $YEAR";

    /** {@code $PROJECT}, {@code $MONTH} (its English name) and {@code $YEAR} of {@code day} filled in. */
    static String fill(String template, String project, LocalDate day) {
        return template.replace("$PROJECT", project)
                .replace("$MONTH", day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .replace("$YEAR", Integer.toString(day.getYear()));
    }

    /** "Packit in November 2026" → "packit-in-november-2026". */
    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Posts the top news to Mastodon; the channel splits it into a thread of posts within 500 characters. */
    private static final class MastodonStep implements Step {
        private final Notifier mastodon;

        MastodonStep(Notifier mastodon) {
            this.mastodon = mastodon;
        }

        @Override
        public String name() {
            return "mastodon-post";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.deferrable(mastodon.service()));
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            String title = ctx.output("blogTitle").orElse("Packit news");
            String news = ctx.output("blogNews").orElse("");
            if (news.isBlank()) {
                return StepOutcome.skipped("no pull request with release notes in the window: nothing to post");
            }
            StringBuilder text = new StringBuilder(title).append(":\n");
            ctx.output("blogUrl").or(() -> ctx.output("blogPullRequest")).ifPresent(url -> text.append(url)
                    .append('\n'));
            for (String line : news.split("\n")) {
                text.append("\n- ").append(line);
            }
            Message message = Message.of(text.toString());
            String where = "channel '" + mastodon.name() + "' (" + mastodon.type() + ")";
            if (ctx.dryRun()) {
                return StepOutcome.succeeded("would post a thread of "
                        + io.releasekit.process.notify.PostMessageStep.planPosts(ctx, mastodon, message) + " to "
                        + where);
            }
            Delivery d = mastodon.post(message, ctx.idempotencyKey());
            Map<String, String> out = Map.of("mastodonIds", String.join(",", d.ids()));
            if (d.alreadyDelivered()) {
                return StepOutcome.skipped("already posted to " + where + " as " + d.ids(), out);
            }
            return StepOutcome.succeeded("posted a thread of " + d.ids().size() + " to " + where, out);
        }
    }
}
