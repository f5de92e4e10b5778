import { parseArgs } from "util";
import { ConfigError } from "../../config/errors";
import { ENVIRONMENTS, Environment } from "../../core/vocabulary";
import { UnknownStackError } from "../mock/stack-files";
import { planUnits } from "../mock/stack-runs";
import { planStack, PlanResult } from "./plan";
import { renderJson } from "./reporters/json";
import { renderMarkdown } from "./reporters/markdown";
import { renderSarif } from "./reporters/sarif";
import { renderText } from "./reporters/text";

/**
 * npm run plan -- [--stack NAME ...] [--all] [--format text|json|markdown|sarif] [--preview]
 *                 [--as-of YYYY-MM-DD] [--policy-config dev|staging|prod]
 * Exit codes: 0 compliant, 1 a mandatory violation, 2 usage or config error.
 */
export const DEFAULT_STACK = "aws-dev";
const FORMATS = ["text", "json", "markdown", "sarif"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: npm run plan -- [--stack NAME]... [--all] [--format ${FORMATS.join("|")}] [--preview]
                        [--as-of YYYY-MM-DD] [--policy-config ${ENVIRONMENTS.join("|")}]
  --stack          stack to plan (stacks/Pulumi.<NAME>.yaml); default ${DEFAULT_STACK}; repeatable.
                   A cluster-layer stack is planned with its paired <NAME>-baseline stack; a baseline
                   stack alone runs the cluster stack it reads first (not reported)
  --all            plan every shipped stack (each cluster stack once, with its paired baseline stack)
  --format         text (default), json, markdown (pull-request comment) or sarif (code scanning)
  --preview        leave cloud-computed outputs unknown, as in a first real preview
  --as-of          judge exception expiry and Kubernetes version support as of this date (default today)
  --policy-config  shipped pack config to use (default: the stack's environment)
  --stacks-dir     directory of the stack files (default: stacks/)`;

export class UsageError extends Error {}

export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

export interface CliOptions {
    readonly stacks: string[];
    readonly format: Format;
    readonly preview: boolean;
    readonly asOf?: Date;
    readonly policyConfig?: Environment;
    readonly stacksDir?: string;
}

export function parseCli(argv: readonly string[]): CliOptions | "help" {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string", multiple: true },
                all: { type: "boolean" },
                format: { type: "string" },
                preview: { type: "boolean" },
                "as-of": { type: "string" },
                "policy-config": { type: "string" },
                "stacks-dir": { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        });
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const v = parsed.values;
    if (v.help) return "help";
    const format = (v.format ?? "text") as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got "${v.format}"`);
    let asOf: Date | undefined;
    if (v["as-of"] !== undefined) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v["as-of"]) || Number.isNaN(Date.parse(v["as-of"]))) {
            throw new UsageError(`--as-of must be a YYYY-MM-DD date; got "${v["as-of"]}"`);
        }
        asOf = new Date(`${v["as-of"]}T12:00:00Z`);
    }
    const policyConfig = v["policy-config"] as Environment | undefined;
    if (policyConfig !== undefined && !ENVIRONMENTS.includes(policyConfig)) {
        throw new UsageError(`--policy-config must be one of ${ENVIRONMENTS.join(", ")}; got "${policyConfig}"`);
    }
    const stacksDir = v["stacks-dir"];
    const stacks = v.all ? planUnits(stacksDir) : (v.stack ?? [DEFAULT_STACK]);
    return { stacks, format, preview: v.preview ?? false, asOf, policyConfig, stacksDir };
}

function render(format: Format, plans: readonly PlanResult[]): string {
    switch (format) {
        case "text":
            return plans.map(renderText).join("\n");
        case "markdown":
            return plans.map(renderMarkdown).join("\n");
        case "json":
            return renderJson(plans);
        case "sarif":
            return renderSarif(plans);
    }
}

/** Runs the CLI and returns its exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
    let options: CliOptions | "help";
    try {
        options = parseCli(argv);
    } catch (e) {
        io.stderr(`${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    if (options === "help") {
        io.stdout(`${USAGE}\n`);
        return 0;
    }
    const plans: PlanResult[] = [];
    for (const stack of options.stacks) {
        const started = Date.now();
        const progress = setTimeout(
            () => io.stderr(`planning ${stack}: running the program under mocks and evaluating both policy packs...\n`),
            750,
        );
        try {
            plans.push(await planStack(stack, options));
        } catch (e) {
            if (e instanceof UnknownStackError || e instanceof ConfigError) {
                io.stderr(`stack ${stack}: ${e.message}\n`);
                return 2;
            }
            throw e;
        } finally {
            clearTimeout(progress);
        }
        if (Date.now() - started > 750) io.stderr(`planned ${stack} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
    io.stdout(render(options.format, plans));
    return plans.some((p) => p.compliance.mandatoryViolations > 0) ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) })
        .then((code) => {
            process.exitCode = code;
        })
        .catch((e: unknown) => {
            process.stderr.write(`offline plan failed: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 2;
        });
}
