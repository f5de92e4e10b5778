import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * The tier's client: the kubectl built from the same pinned k8s.io/kubernetes module as the API server
 * (scripts/apiserver-build.sh), talking to the control plane that scripts/control-plane.sh started.
 * Every call is a real request: server-side apply, server-side dry-run, SubjectAccessReviews, impersonation.
 */
export interface KubectlResult {
    readonly ok: boolean;
    readonly stdout: string;
    /** stderr without the warning lines. */
    readonly error: string;
    /** The API server's warnings (Warning headers), as kubectl prints them, without the "Warning: " prefix. */
    readonly warnings: string[];
}

export interface Control {
    readonly kubectl: string;
    readonly kubeconfig: string;
    readonly serverUrl: string;
    readonly caFile: string;
    readonly auditLog: string;
    readonly kubernetesVersion: string;
}

/** The control plane scripts/control-plane.sh exported, or an error that says how to start the tier. */
export function controlFromEnvironment(env: NodeJS.ProcessEnv = process.env): Control {
    const names = ["HC_KUBECTL", "KUBECONFIG", "HC_APISERVER_URL", "HC_APISERVER_CA", "HC_AUDIT_LOG", "HC_KUBERNETES_VERSION"];
    const missing = names.filter((n) => !env[n]);
    if (missing.length > 0) {
        throw new Error(
            `${missing.join(", ")} not set: run the tier with \`npm run test:apiserver\`, which starts the control plane first`,
        );
    }
    return {
        kubectl: env.HC_KUBECTL!,
        kubeconfig: env.KUBECONFIG!,
        serverUrl: env.HC_APISERVER_URL!,
        caFile: env.HC_APISERVER_CA!,
        auditLog: env.HC_AUDIT_LOG!,
        kubernetesVersion: env.HC_KUBERNETES_VERSION!,
    };
}

export interface RunOptions {
    /** Sent on stdin (objects as JSON). */
    readonly input?: unknown;
    /** Another kubeconfig (e.g. one without credentials). */
    readonly kubeconfig?: string;
}

const WARNING = /^Warning: (.*)$/;

export class Kubectl {
    private readonly cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "hc-tier-kubectl-"));

    constructor(readonly control: Control) {}

    run(args: readonly string[], options: RunOptions = {}): KubectlResult {
        const input = options.input === undefined ? undefined : JSON.stringify(options.input);
        const result = spawnSync(
            this.control.kubectl,
            ["--kubeconfig", options.kubeconfig ?? this.control.kubeconfig, "--cache-dir", this.cacheDir, ...args],
            { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
        );
        if (result.error) throw result.error;
        const lines = (result.stderr ?? "").split("\n");
        const warnings = lines.map((l) => WARNING.exec(l)?.[1]).filter((w): w is string => w !== undefined);
        const error = lines
            .filter((l) => !WARNING.test(l))
            .join("\n")
            .trim();
        return { ok: result.status === 0, stdout: result.stdout ?? "", error, warnings };
    }

    /** Runs and parses JSON output; throws with kubectl's message when the call fails. */
    json<T = Record<string, unknown>>(args: readonly string[], options: RunOptions = {}): T {
        const result = this.run([...args, "-o", "json"], options);
        if (!result.ok) throw new Error(`kubectl ${args.join(" ")}: ${result.error}`);
        return JSON.parse(result.stdout) as T;
    }

    /** Runs and parses every object printed: `create -f` of a List prints one JSON document per item. */
    jsonDocuments<T = Record<string, unknown>>(args: readonly string[], options: RunOptions = {}): T[] {
        const result = this.run([...args, "-o", "json"], options);
        if (!result.ok) throw new Error(`kubectl ${args.join(" ")}: ${result.error}`);
        return splitJsonDocuments(result.stdout) as T[];
    }

    /** Server-side apply of one object, strict field validation, no forced conflicts. */
    apply(object: unknown, fieldManager: string): KubectlResult {
        return this.run(["apply", "--server-side", `--field-manager=${fieldManager}`, "--validate=strict", "-o", "json", "-f", "-"], {
            input: object,
        });
    }

    /** Create as a server-side dry run: every admission plugin runs, nothing is stored. */
    dryRunCreate(object: unknown, impersonate?: Impersonation): KubectlResult {
        return this.run(["create", "--dry-run=server", "--validate=strict", "-o", "json", "-f", "-", ...impersonationArgs(impersonate)], {
            input: object,
        });
    }
}

/** A user and groups to act as (`--as`/`--as-group`); the admin certificate may impersonate anyone. */
export interface Impersonation {
    readonly user: string;
    readonly groups: readonly string[];
}

export function impersonationArgs(who?: Impersonation): string[] {
    if (!who) return [];
    return [`--as=${who.user}`, ...who.groups.map((g) => `--as-group=${g}`)];
}

/** Consecutive JSON documents ("{...}{...}", pretty-printed or not), parsed in order. */
export function splitJsonDocuments(text: string): unknown[] {
    const documents: unknown[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === "\\") i++;
            else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "{" || c === "[") {
            if (depth++ === 0) start = i;
        } else if (c === "}" || c === "]") {
            if (--depth === 0) documents.push(JSON.parse(text.slice(start, i + 1)));
        }
    }
    if (depth !== 0 || inString) throw new Error("truncated JSON output from kubectl");
    return documents;
}
