/**
 * A portal's use of the generated TypeScript client (typescript-fetch), compiled with tsc in strict mode and run by
 * TypeScriptClientTest against a running releasekit service: usage `node exercise.js BASE_URL TOKEN`.
 *
 * It computes a version, starts a dry run with typed parameters (a string, a boolean, an integer and a list of strings,
 * no casts), follows the run to its end, then reads a problem (RFC 9457) as a typed error. Every check that fails
 * throws; the process exits non-zero.
 */
import {
  Configuration,
  type Problem,
  ProblemFromJSON,
  ResponseError,
  type Run,
  RunState,
  RunsApi,
  type StartRunRequest,
  VersionsApi,
} from "../../../target/generated-sources/typescript/src";

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  throw new Error("usage: node exercise.js BASE_URL TOKEN");
}
const config = new Configuration({ basePath: baseUrl, accessToken: token });
const runs = new RunsApi(config);

const ENDED: ReadonlyArray<RunState> = [
  RunState.Succeeded,
  RunState.SucceededDegraded,
  RunState.Failed,
  RunState.Cancelled,
];

function check(ok: boolean, what: string): void {
  if (!ok) {
    throw new Error("check failed: " + what);
  }
}

/** The problem of a failed call, typed: every error response of the API is one. */
async function problemOf(call: () => Promise<unknown>): Promise<Problem> {
  try {
    await call();
  } catch (e) {
    if (e instanceof ResponseError) {
      check(
        (e.response.headers.get("Content-Type") ?? "").startsWith("application/problem+json"),
        "a problem is application/problem+json",
      );
      return ProblemFromJSON(await e.response.json());
    }
    throw e;
  }
  throw new Error("the call succeeded; a problem was expected");
}

/** Follows a run until it ends (polling; the CLI shows the SSE stream of GET /runs/{id}/events). */
async function follow(id: string): Promise<Run> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = await runs.getRun({ id });
    console.log(`run ${run.id}: ${run.state}`);
    if (ENDED.includes(run.state)) {
      return run;
    }
    check(Date.now() < deadline, `run ${id} ended within 30 s`);
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const next = await new VersionsApi(config).nextVersion({
    nextVersionRequest: { tags: ["release-0.1.0", "release-0.1.1"], prefix: "release-", bump: "PATCH" },
  });
  check(next.tag === "release-0.1.2", `next release is release-0.1.2, was ${next.tag}`);

  // typed parameters: a string, a boolean, an integer and a list of strings, as the kind declares them
  const request: StartRunRequest = {
    kind: "client.greet",
    parameters: { name: "portal", loud: true, times: 2, cc: ["ops", "release"] },
    dryRun: true,
  };
  const started = await runs.startRun({ startRunRequest: request, idempotencyKey: "ts-client-" + Date.now() });
  check(started.dryRun === true, "the run is a dry run");
  const ended = await follow(started.id);
  check(ended.state === RunState.Succeeded, `the dry run succeeded, was ${ended.state}`);
  check(
    ended.steps.map((s) => s.name).join(",") === "check,greet",
    `the run's steps are check, greet: ${ended.steps.map((s) => s.name)}`,
  );
  console.log(`dry run ${ended.id} ${ended.state}, planned: ${ended.steps.flatMap((s) => s.planned ?? [])}`);

  const missing = await problemOf(() => runs.getRun({ id: "no-such-run" }));
  check(missing.status === 404, `unknown run is 404, was ${missing.status}`);
  check(missing.type === "https://releasekit.io/problems/not-found", `problem type not-found, was ${missing.type}`);
  console.log(`problem: ${missing.type} ${missing.status} ${missing.detail}`);

  const bad = await problemOf(() =>
    runs.startRun({ startRunRequest: { kind: "client.greet", parameters: { name: "x", times: "two" } } }),
  );
  check(bad.status === 400, `a string for an integer parameter is 400, was ${bad.status}`);
  check(bad.type === "https://releasekit.io/problems/invalid-input", `problem type invalid-input, was ${bad.type}`);
  console.log(`problem: ${bad.type} ${bad.status} ${bad.detail}`);

  console.log("typescript client: ok");
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
