import * as pulumi from "@pulumi/pulumi";
import { rawConfigFrom } from "../../config/load";
import { HardenedConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { connectCloud } from "../../components/connect-cloud";
import { buildStack } from "../../stack";
import { readStackConfig } from "../mock/stack-files";

/**
 * What a benchmark case runs: a program (for the mock engine) and how many tenants it has. Each case is
 * measured in a fresh process (see run.ts), so peak memory is the case's own.
 */
export interface BenchCase {
    readonly name: string;
    readonly description: string;
    readonly program: () => unknown;
}

/**
 * A shipped stack's config with both layers in one program: the AWS and Azure stacks deploy as a cluster
 * stack and a baseline stack, but the benchmark measures the whole blueprint in one process.
 */
function configOf(stack: string, overrides: Record<string, unknown> = {}): HardenedConfig {
    return { ...validateStackConfig({ ...rawConfigFrom(readStackConfig(stack)), ...overrides }), layer: "all" };
}

/** What index.ts does with a validated cluster-building config: connect (identity guard), then build (layer all: both layers). */
async function deploy(config: HardenedConfig): Promise<void> {
    buildStack(config, await connectCloud(config));
}

function tenants(count: number, cloudPrincipal: string) {
    return Array.from({ length: count }, (_, i) => ({
        name: `tenant-${String(i).padStart(4, "0")}`,
        editors: [cloudPrincipal],
        quota: { cpu: "4", memory: "8Gi", pods: 40 },
    }));
}

/** The bare baseline's resource: a custom resource with a few plain inputs and nothing else. */
class PlainResource extends pulumi.CustomResource {
    constructor(name: string, props: Record<string, unknown>) {
        super("bench:index:Plain", name, props);
    }
}

const AWS_EDITOR = "arn:aws:iam::123456789012:role/team-shared";

export const STACK_CASES = ["aws-dev", "aws-prod", "azure-dev", "azure-prod", "gcp-dev", "gcp-prod"];

export function benchCase(name: string): BenchCase {
    if (STACK_CASES.includes(name)) {
        return { name, description: `the ${name} stack`, program: () => deploy(configOf(name)) };
    }
    const tenantMatch = /^tenants-(\d+)$/.exec(name);
    if (tenantMatch) {
        const n = Number(tenantMatch[1]);
        return {
            name,
            description: `aws-prod with ${n} tenants on one cluster`,
            program: () => deploy(configOf("aws-prod", { tenants: tenants(n, AWS_EDITOR) })),
        };
    }
    if (name === "three-clusters") {
        return {
            name,
            description: "one program with the aws-prod, azure-prod and gcp-prod clusters (50 tenants each)",
            program: () =>
                Promise.all([
                    deploy(configOf("aws-prod", { clusterName: "bench-eks", tenants: tenants(50, AWS_EDITOR) })),
                    deploy(
                        configOf("azure-prod", { clusterName: "bench-aks", tenants: tenants(50, "44444444-4444-4444-4444-444444444444") }),
                    ),
                    deploy(configOf("gcp-prod", { clusterName: "bench-gke", tenants: tenants(50, "gke-team-payments@example.com") })),
                ]),
        };
    }
    const bareMatch = /^bare-(\d+)$/.exec(name);
    if (bareMatch) {
        const n = Number(bareMatch[1]);
        return {
            name,
            description: `${n} plain custom resources (the baseline)`,
            program: () => {
                for (let i = 0; i < n; i++) new PlainResource(`plain-${i}`, { index: i, labels: { a: "b" } });
            },
        };
    }
    throw new Error(`unknown benchmark case ${name}`);
}
