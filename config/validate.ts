import { z } from "zod";
import { resolveAksSettings } from "./clouds/aks";
import { resolveEksSettings } from "./clouds/eks";
import { resolveGkeSettings } from "./clouds/gke";
import {
    DEFAULT_DISK_SIZE_GB,
    DEFAULT_KUBERNETES_VERSION,
    DEFAULT_MACHINE_TYPES,
    DEFAULT_NETWORK,
    ENVIRONMENT_DEFAULTS,
    PoolRole,
} from "./defaults";
import { resolveDay2 } from "./day2";
import { ConfigBeforeRegistryDefault, withTrustedRegistriesDefault } from "./registry";
import { ConfigError, ConfigProblem } from "./errors";
import { keyName, Path, RawConfig, valueAt } from "./raw";
import { isProviderKey, providerSettingsProblems, resolveProviderSettings } from "./providers";
import { crossFieldProblems } from "./rules";
import { BaselineSettingsInput } from "./baseline";
import { StackConfigInput, stackConfigSchema, TenantInput } from "./schema";
import { closestWord } from "./suggest";
import { BaselineSettings, HardenedConfig, NodePoolSpec, Taint, TenantSpec } from "./types";
import { ISOLATED_TAINT } from "../core/labels";
import { CLOUDS, ENVIRONMENTS } from "../core/vocabulary";

/**
 * Stack config in, validated and defaulted config out, or a ConfigError that lists every problem.
 * Pure: the caller reads Pulumi config (see load.ts); tests pass plain objects. `raw` holds the
 * project's keys without their prefix, plus the provider namespaces' keys in full ("aws:profile"):
 * the chosen cloud's namespace is validated with the rest.
 */
export function validateStackConfig(raw: RawConfig): HardenedConfig {
    const project = Object.fromEntries(Object.entries(raw).filter(([key]) => !isProviderKey(key)));
    const cloud = CLOUDS.find((c) => c === project["cloud"]);
    const environment = ENVIRONMENTS.find((e) => e === project["environment"]);
    const parsed = stackConfigSchema.safeParse(project, { reportInput: true });
    const problems = [
        ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => toProblems(issue, project, stackConfigSchema))),
        ...crossFieldProblems(project),
        ...(cloud ? providerSettingsProblems(cloud, raw, environment) : []),
    ];
    if (problems.length > 0 || !parsed.success) {
        throw new ConfigError(dedupe(problems));
    }
    return deepFreeze(resolve(parsed.data, raw));
}

/** One schema issue as config problems, with "did you mean" hints for unknown keys of `schema`. */
export function toProblems(issue: z.core.$ZodIssue, raw: RawConfig, schema: z.ZodType): ConfigProblem[] {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
        const parent = valueAt(raw, path);
        const known = knownKeysAt(path, schema);
        return issue.keys.map((key) => {
            const guess = closestWord(key, known);
            const hint = guess ? `did you mean "${guess}"? ` : "";
            return {
                key: keyName([...path, key]),
                value: (parent as Record<string, unknown> | undefined)?.[key],
                allowed: `${hint}not a known key; known keys here: ${known.join(", ")}`,
            };
        });
    }
    return [{ key: keyName(path), value: valueAt(raw, path as Path), allowed: issue.message }];
}

/** The keys the schema accepts at a path, for "did you mean" hints. */
function knownKeysAt(path: readonly (string | number)[], root: z.ZodType): string[] {
    let schema: z.ZodType = root;
    for (const part of path) {
        schema = unwrap(schema);
        if (schema instanceof z.ZodObject) {
            schema = (schema.shape as Record<string, z.ZodType>)[String(part)];
        } else if (schema instanceof z.ZodArray) {
            schema = schema.element as z.ZodType;
        }
        if (!schema) return [];
    }
    schema = unwrap(schema);
    return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
    let current = schema;
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
        current = current.unwrap() as z.ZodType;
    }
    return current;
}

export function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
    const seen = new Set<string>();
    return problems.filter((p) => {
        const id = `${p.key}\u0000${p.allowed}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
    });
}

function resolve(input: StackConfigInput, raw: RawConfig): HardenedConfig {
    return withTrustedRegistriesDefault(resolveExplicit(input, raw));
}

function resolveExplicit(input: StackConfigInput, raw: RawConfig): ConfigBeforeRegistryDefault {
    const env = ENVIRONMENT_DEFAULTS[input.environment];
    const isProd = input.environment === "prod";
    const pool = (role: PoolRole, given: NonNullable<StackConfigInput["nodePools"]>[PoolRole], taints: readonly Taint[]): NodePoolSpec => ({
        machineType: given?.machineType ?? DEFAULT_MACHINE_TYPES[input.cloud][role],
        minSize: given?.minSize ?? env.poolSizes[role].min,
        maxSize: given?.maxSize ?? Math.max(env.poolSizes[role].max, given?.minSize ?? 0),
        diskSizeGb: given?.diskSizeGb ?? DEFAULT_DISK_SIZE_GB,
        taints,
    });
    const common = {
        layer: input.layer ?? "all",
        environment: input.environment,
        clusterName: input.clusterName,
        region: input.region,
        kubernetesVersion: input.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION[input.cloud],
        network: {
            cidr: input.network?.cidr ?? DEFAULT_NETWORK.cidr,
            podCidr: input.network?.podCidr ?? DEFAULT_NETWORK.podCidr,
            serviceCidr: input.network?.serviceCidr ?? DEFAULT_NETWORK.serviceCidr,
            zones: input.network?.zones ?? env.zones,
            natLayout: env.natLayout,
        },
        apiAccess: {
            authorizedCidrs: input.apiAccess?.authorizedCidrs ?? [],
            privateSourceCidrs: input.apiAccess?.privateSourceCidrs ?? [],
            privateSourceSecurityGroupIds: input.apiAccess?.privateSourceSecurityGroupIds ?? [],
        },
        access: {
            admins: input.access.admins,
            developers: input.access.developers ?? [],
            viewers: input.access.viewers ?? [],
            deployer: input.access.deployer,
        },
        nodePools: {
            system: pool("system", input.nodePools?.system, [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]),
            general: pool("general", input.nodePools?.general, []),
            isolated: pool("isolated", input.nodePools?.isolated, input.nodePools?.isolated?.taints ?? [ISOLATED_TAINT]),
        },
        tenants: (input.tenants ?? []).map(resolveTenant),
        trustedRegistries: input.trustedRegistries,
        logRetentionDays: input.logRetentionDays ?? env.logRetentionDays,
        deletionProtection: isProd || (input.deletionProtection ?? env.deletionProtection),
        admission: { mode: env.admissionMode, requireImageDigest: env.requireImageDigest },
        baseline: resolveBaselineSettings(input.baseline),
        ...resolveDay2(input, input.environment),
    } as const;
    switch (input.cloud) {
        case "aws":
            return {
                ...common,
                cloud: "aws",
                eks: resolveEksSettings(input.eks, isProd),
                providerSettings: resolveProviderSettings("aws", raw),
            };
        case "azure": {
            const providerSettings = resolveProviderSettings("azure", raw);
            return { ...common, cloud: "azure", aks: resolveAksSettings(input.aks, providerSettings), providerSettings };
        }
        case "gcp":
            if (!input.gke)
                throw new ConfigError([{ key: keyName(["gke"]), value: undefined, allowed: "a gke block (required when cloud is gcp)" }]);
            return {
                ...common,
                cloud: "gcp",
                gke: resolveGkeSettings(input.gke, isProd),
                providerSettings: resolveProviderSettings("gcp", raw),
            };
    }
}

/** A tenant with its defaults: no extra groups, no load balancers or node ports, same-namespace traffic allowed. */
export function resolveTenant(t: TenantInput): TenantSpec {
    return {
        name: t.name,
        editors: t.editors ?? [],
        viewers: t.viewers ?? [],
        quota: t.quota,
        allowLoadBalancer: t.allowLoadBalancer ?? false,
        allowNodePort: t.allowNodePort ?? false,
        allowSameNamespaceTraffic: t.allowSameNamespaceTraffic ?? true,
        secrets: [...new Set(t.secrets ?? [])],
    };
}

/** Baseline settings with their defaults: Falco on, the cloud's managed monitoring, any Sigstore identity. */
export function resolveBaselineSettings(input: BaselineSettingsInput | undefined): BaselineSettings {
    return {
        imageSignatures: {
            keyless: input?.imageSignatures?.keyless ?? [],
            publicKeys: input?.imageSignatures?.publicKeys ?? [],
        },
        runtimeDefence: input?.runtimeDefence ?? true,
        monitoring: input?.monitoring ?? "managed",
    };
}

export function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value as object)) deepFreeze(v);
    }
    return value;
}
