import { z } from "zod";
import { baselineSettingsSchema } from "./baseline";
import { ENVIRONMENT_DEFAULTS } from "./defaults";
import { ConfigError, ConfigProblem } from "./errors";
import { dnsLabel } from "./fields";
import { unsupportedVersionProblems } from "./kubernetes-support";
import { isProviderKey, providerKeysRefused } from "./providers";
import { keyName, Path, RawConfig, valueAt } from "./raw";
import { tenantNamesProblems } from "./rules";
import { taintSchema, tenantSchema } from "./schema";
import { AccessSpec, BaselineSettings, Taint, TenantSpec } from "./types";
import { deepFreeze, dedupe, resolveBaselineSettings, resolveTenant, toProblems } from "./validate";
import { AdmissionMode, Cloud, CLOUDS, Environment, ENVIRONMENTS, KUBERNETES_VERSIONS, KubernetesVersion } from "../core/vocabulary";

/**
 * The config of a baseline-layer stack (`layer: baseline`): the Kubernetes baseline only, on a cluster
 * read from a cluster-layer stack (`clusterStack`) or on one the blueprint did not build
 * (`existingCluster`). Validated with the same one-error-listing-every-bad-key style as a cluster stack.
 */

/** Keys only the cloud layer uses: a baseline-layer stack neither builds nor changes the cluster. */
export const CLOUD_LAYER_KEYS = ["cloud", "region", "network", "apiAccess", "nodePools", "logRetentionDays", "eks", "aks", "gke"] as const;
/** Keys of the baseline itself: from the hand-over with clusterStack, from the stack file with existingCluster. */
export const BASELINE_KEYS = [
    "environment",
    "clusterName",
    "kubernetesVersion",
    "access",
    "tenants",
    "trustedRegistries",
    "baseline",
    "deletionProtection",
] as const;
const REQUIRED_WITH_EXISTING_CLUSTER = ["environment", "clusterName", "kubernetesVersion", "access", "trustedRegistries"] as const;

/**
 * A fully qualified stack name, as a StackReference takes it: `<org>/<project>/<stack>` on Pulumi Cloud,
 * `organization/<project>/<stack>` (the literal word) on a DIY backend with project-scoped stacks.
 */
export const STACK_REFERENCE_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const STACK_REFERENCE_HINT =
    "a fully qualified stack name <org>/<project>/<stack>: your organization on Pulumi Cloud (acme/hardened-cluster/aws-prod), the word organization on a DIY backend (organization/hardened-cluster/aws-prod)";

/**
 * A Kubernetes group as the API server sees it. Built-in groups (system:masters, system:authenticated,
 * system:serviceaccounts, ...) are refused: binding a role to them grants it to everyone (HC-RBAC-02).
 */
const kubernetesGroup = z
    .string({ error: "a Kubernetes group name" })
    .min(1, { error: "a Kubernetes group name" })
    .refine((g) => !g.startsWith("system:"), {
        error: "a group of your identity provider, not a built-in system: group (binding those grants everyone in the cluster)",
    });

const existingClusterSchema = z.strictObject({
    /** Secret: `pulumi config set --secret --path existingCluster.kubeconfig`. Its user must be able to create the baseline. */
    kubeconfig: z
        .string({ error: "the cluster's kubeconfig (set it as a secret)" })
        .min(1, { error: "the cluster's kubeconfig (set it as a secret)" }),
    /** Informational: which cloud runs it; "other" (default) when none of the three. */
    cloud: z.enum([...CLOUDS, "other"], { error: `one of ${CLOUDS.join(", ")}, other` }).optional(),
    /** The cluster's encrypted CSI class, made the default StorageClass "encrypted" (HC-DATA-01). */
    storageClass: z.strictObject(
        {
            provisioner: z.string({ error: "a CSI provisioner such as ebs.csi.aws.com" }).min(1),
            parameters: z.record(z.string(), z.string({ error: "string values" }), { error: "the provisioner's parameters (strings)" }),
        },
        { error: "an object { provisioner, parameters } describing an encrypted volume class" },
    ),
    /** "cloud" when the platform verifies image signatures itself (GKE Binary Authorization): no policy-controller then. */
    imageVerification: z.enum(["in-cluster", "cloud"], { error: "in-cluster or cloud" }).optional(),
    /** Taints of the cluster's node pools, so node agents (Falco) run on every node. */
    nodeTaints: z.array(taintSchema, { error: "a list of taints { key, value, effect }" }).optional(),
});

const groupTenantSchema = tenantSchema.extend({
    editors: z.array(kubernetesGroup, { error: "a list of Kubernetes group names" }).optional(),
    viewers: z.array(kubernetesGroup, { error: "a list of Kubernetes group names" }).optional(),
});

export const baselineLayerSchema = z.strictObject({
    layer: z.literal("baseline"),
    /** The cluster-layer stack to read the hand-over and kubeconfig from. */
    clusterStack: z.string({ error: STACK_REFERENCE_HINT }).regex(STACK_REFERENCE_NAME, { error: STACK_REFERENCE_HINT }).optional(),
    existingCluster: existingClusterSchema.optional(),
    environment: z.enum(ENVIRONMENTS, { error: `one of ${ENVIRONMENTS.join(", ")}` }).optional(),
    clusterName: dnsLabel(40).optional(),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS, { error: `one of ${KUBERNETES_VERSIONS.join(", ")}` }).optional(),
    /** Kubernetes group names (not cloud principals): the cluster's own identity mapping is not the blueprint's. */
    access: z
        .strictObject(
            {
                admins: z
                    .array(kubernetesGroup, { error: "a list of Kubernetes group names" })
                    .min(1, { error: "at least one admin group" }),
                developers: z.array(kubernetesGroup, { error: "a list of Kubernetes group names" }).optional(),
                viewers: z.array(kubernetesGroup, { error: "a list of Kubernetes group names" }).optional(),
            },
            { error: "an object with admins, developers and viewers lists of Kubernetes group names" },
        )
        .optional(),
    tenants: z.array(groupTenantSchema, { error: "a list of tenants" }).optional(),
    trustedRegistries: z
        .array(z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._/-]*)?$/), { error: "a list of registry prefixes" })
        .min(1)
        .optional(),
    baseline: baselineSettingsSchema.optional(),
    deletionProtection: z.boolean({ error: "true or false" }).optional(),
    // Declared so that setting one gets a message that says why it does not belong here.
    ...Object.fromEntries(CLOUD_LAYER_KEYS.map((key) => [key, z.unknown().optional()])),
});

/** The baseline-relevant config of a cluster the blueprint did not build, with defaults applied. */
export interface ExistingClusterConfig {
    readonly cloud: Cloud | "other";
    readonly environment: Environment;
    readonly clusterName: string;
    readonly kubernetesVersion: KubernetesVersion;
    readonly deletionProtection: boolean;
    readonly access: AccessSpec;
    readonly tenants: readonly TenantSpec[];
    readonly trustedRegistries: readonly string[];
    readonly admission: { readonly mode: AdmissionMode; readonly requireImageDigest: boolean };
    readonly baseline: BaselineSettings;
    readonly storageClass: { readonly provisioner: string; readonly parameters: Readonly<Record<string, string>> };
    readonly imageVerification: "in-cluster" | "cloud";
    readonly nodeTaints: readonly Taint[];
}

export type BaselineSource =
    | { readonly kind: "cluster-stack"; readonly stackName: string }
    | { readonly kind: "existing-cluster"; readonly kubeconfig: string; readonly cluster: ExistingClusterConfig };

export interface BaselineLayerConfig {
    readonly layer: "baseline";
    readonly source: BaselineSource;
}

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

const isSet = (raw: RawConfig, key: string) => valueAt(raw, [key]) !== undefined;

/** Which source, which keys belong with it: every misplaced or missing key is one problem. */
function sourceProblems(raw: RawConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const fromStack = isSet(raw, "clusterStack");
    const existing = isSet(raw, "existingCluster");
    if (!fromStack && !existing) {
        problems.push(
            problem(
                ["clusterStack"],
                raw,
                `${STACK_REFERENCE_HINT}; or set existingCluster (kubeconfig, storageClass) for a cluster the blueprint did not build: layer baseline needs a cluster`,
            ),
        );
    }
    if (fromStack && existing) {
        problems.push(
            problem(["existingCluster"], raw, "not together with clusterStack: the baseline applies to one cluster, read from one source"),
        );
    }
    for (const key of CLOUD_LAYER_KEYS) {
        if (!isSet(raw, key)) continue;
        const hint = key === "cloud" && existing ? "; name the cluster's cloud in existingCluster.cloud" : "";
        problems.push(problem([key], raw, `not used by layer baseline: the cluster layer owns it (set it in the cluster stack)${hint}`));
    }
    if (fromStack) {
        for (const key of BASELINE_KEYS) {
            if (!isSet(raw, key)) continue;
            problems.push(
                problem(
                    [key],
                    raw,
                    "not with clusterStack: the baseline reads it from the cluster stack's hand-over; set it in the cluster stack's file (one source of truth)",
                ),
            );
        }
    }
    if (existing) {
        for (const key of REQUIRED_WITH_EXISTING_CLUSTER) {
            if (!isSet(raw, key))
                problems.push(problem([key], raw, `required with existingCluster: the baseline's ${key} cannot be read from the cluster`));
        }
    }
    if (valueAt(raw, ["environment"]) === "prod" && valueAt(raw, ["deletionProtection"]) === false) {
        problems.push(problem(["deletionProtection"], raw, "true (or unset) in prod: deletion protection cannot be turned off there"));
    }
    return problems;
}

/**
 * A baseline-layer stack creates no cloud provider, so provider settings (aws:*, azure-native:*, gcp:*)
 * would do nothing here, identity guards included: the baseline signs in through the kubeconfig alone.
 */
function providerKeysHint(raw: RawConfig): string {
    const through = isSet(raw, "existingCluster")
        ? "existingCluster.kubeconfig and the credential its user entry names"
        : "the cluster stack's kubeconfig, whose exec credential signs in with that stack's provider settings (profile, role, kubelogin mode, impersonation): set them in the cluster stack, and give this stack's runner the same credential source";
    return `not used by layer baseline: this stack creates no cloud provider; the baseline signs in through ${through}`;
}

/** The cluster's version against the support table of the cloud existingCluster.cloud names (none for "other"). */
function existingClusterVersionProblems(raw: RawConfig): ConfigProblem[] {
    const cloud = CLOUDS.find((c) => c === valueAt(raw, ["existingCluster", "cloud"]));
    return isSet(raw, "existingCluster") ? unsupportedVersionProblems(raw, cloud, ["kubernetesVersion"]) : [];
}

type BaselineLayerInput = z.infer<typeof baselineLayerSchema>;

function resolveExistingCluster(input: BaselineLayerInput): ExistingClusterConfig {
    const cluster = input.existingCluster;
    const environment = input.environment;
    const access = input.access;
    if (!cluster || !environment || !input.clusterName || !input.kubernetesVersion || !access || !input.trustedRegistries) {
        throw new Error("existing-cluster config resolved without its required keys; validation should have refused it");
    }
    const env = ENVIRONMENT_DEFAULTS[environment];
    return {
        cloud: cluster.cloud ?? "other",
        environment,
        clusterName: input.clusterName,
        kubernetesVersion: input.kubernetesVersion,
        deletionProtection: environment === "prod" || (input.deletionProtection ?? env.deletionProtection),
        access: { admins: access.admins, developers: access.developers ?? [], viewers: access.viewers ?? [] },
        tenants: (input.tenants ?? []).map(resolveTenant),
        trustedRegistries: input.trustedRegistries,
        admission: { mode: env.admissionMode, requireImageDigest: env.requireImageDigest },
        baseline: resolveBaselineSettings(input.baseline),
        storageClass: cluster.storageClass,
        imageVerification: cluster.imageVerification ?? "in-cluster",
        nodeTaints: cluster.nodeTaints ?? [],
    };
}

/**
 * A baseline-layer stack's config, validated and defaulted, or a ConfigError listing every problem.
 * Pure: tests pass plain objects.
 */
export function validateBaselineLayer(raw: RawConfig): BaselineLayerConfig {
    const project = Object.fromEntries(Object.entries(raw).filter(([key]) => !isProviderKey(key)));
    const parsed = baselineLayerSchema.safeParse(project, { reportInput: true });
    const problems = dedupe([
        ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => toProblems(issue, project, baselineLayerSchema))),
        ...sourceProblems(project),
        ...tenantNamesProblems(project),
        ...existingClusterVersionProblems(project),
        ...providerKeysRefused(raw, providerKeysHint(project)),
    ]);
    if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
    const input = parsed.data;
    const source: BaselineSource = input.clusterStack
        ? { kind: "cluster-stack", stackName: input.clusterStack }
        : { kind: "existing-cluster", kubeconfig: input.existingCluster?.kubeconfig ?? "", cluster: resolveExistingCluster(input) };
    return deepFreeze({ layer: "baseline", source });
}
