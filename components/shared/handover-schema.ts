import { z } from "zod";
import { ConfigError, ConfigProblem } from "../../config/errors";
import { ADMISSION_MODES, CLOUDS, ENVIRONMENTS, KUBERNETES_VERSIONS } from "../../core/vocabulary";
import { BaselineHandover, HANDOVER_OUTPUT, HANDOVER_SCHEMA_VERSION, TRAFFIC_ENCRYPTION_KINDS } from "./handover";

/**
 * The hand-over as a baseline-layer stack reads it back from a cluster-layer stack's output: checked
 * field by field before anything is built from it, so a stack of another blueprint version, a stack of
 * another program or a hand-edited output is refused with every bad field named, never half-applied.
 */
const text = z.string().min(1);
const names = z.array(text);
const stringMap = z.record(z.string(), z.string());
/** Kubernetes object names: DNS-1123 subdomains. */
const objectName = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, { error: "a Kubernetes object name (DNS-1123 subdomain)" });
const resourceKey = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: "a DNS-label key (lowercase letters, digits, '-')" });

const taintSchema = z.strictObject({
    key: text,
    value: z.string(),
    effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]),
});

const tenantSchema = z.strictObject({
    name: resourceKey,
    editors: names,
    viewers: names,
    quota: z.strictObject({ cpu: text, memory: text, pods: z.number().int().positive() }),
    allowLoadBalancer: z.boolean(),
    allowNodePort: z.boolean(),
    allowSameNamespaceTraffic: z.boolean(),
    secrets: z.array(resourceKey),
});

const identitySchema = z.strictObject({ annotations: stringMap, podLabels: stringMap, env: stringMap.optional() });

const chartPathsSchema = z.strictObject({
    annotations: z.array(text).min(1),
    podLabels: z.array(text).min(1),
    env: z.array(text).min(1).optional(),
});

/** HC-SUP-07: charts at an exact version from an https repository. */
const helmAddonSchema = z.strictObject({
    kind: z.literal("helm"),
    key: resourceKey,
    namespace: resourceKey,
    createNamespace: z.strictObject({ enforce: z.enum(["baseline", "restricted"]) }).optional(),
    chart: z.strictObject({
        name: text,
        version: z.string().regex(/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, { error: "an exact chart version such as 1.2.3 (no ranges)" }),
        repo: z.string().regex(/^(https|oci):\/\//, { error: "an https:// or oci:// chart repository" }),
    }),
    values: z.record(z.string(), z.unknown()),
    serviceAccounts: z.record(z.string(), chartPathsSchema).optional(),
});

const manifestAddonSchema = z.strictObject({
    kind: z.literal("manifest"),
    key: resourceKey,
    objects: z
        .array(
            z.looseObject({
                apiVersion: text,
                kind: text,
                metadata: z.looseObject({ name: objectName, namespace: resourceKey.optional() }),
            }),
        )
        .min(1),
});

const addonSchema = z.discriminatedUnion("kind", [helmAddonSchema, manifestAddonSchema]);

export const baselineHandoverSchema = z
    .strictObject({
        schemaVersion: z.literal(HANDOVER_SCHEMA_VERSION, {
            error: `schema version ${HANDOVER_SCHEMA_VERSION} (deploy the cluster stack with this version of the blueprint)`,
        }),
        cloud: z.enum([...CLOUDS, "other"]),
        environment: z.enum(ENVIRONMENTS),
        clusterName: resourceKey,
        kubernetesVersion: z.enum(KUBERNETES_VERSIONS),
        deletionProtection: z.boolean(),
        subjects: z.strictObject({
            admins: names.min(1, { error: "at least one admin group" }),
            viewers: names,
            developers: names,
            tenants: z.record(z.string(), z.strictObject({ editors: names, viewers: names })),
        }),
        storageClass: z.strictObject({ provisioner: text, parameters: stringMap }),
        imageVerification: z.enum(["in-cluster", "cloud"]),
        nodeTaints: z.array(taintSchema),
        tenants: z.array(tenantSchema),
        trustedRegistries: names.min(1),
        admission: z.strictObject({ mode: z.enum(ADMISSION_MODES), requireImageDigest: z.boolean() }),
        baseline: z.strictObject({
            imageSignatures: z.strictObject({
                keyless: z.array(z.strictObject({ issuer: text, subjectRegExp: text })),
                publicKeys: names,
            }),
            runtimeDefence: z.boolean(),
            monitoring: z.enum(["managed", "in-cluster"]),
        }),
        platformIdentities: z.record(
            z.string().regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, { error: "a key <namespace>/<serviceAccount>" }),
            identitySchema,
        ),
        tenantIdentities: z.record(
            z.string(),
            identitySchema.extend({
                serviceAccount: objectName,
                secretProviderClass: z.strictObject({ provider: text, parameters: stringMap }).optional(),
            }),
        ),
        clusterAddons: z.array(addonSchema),
        runtimeAlerts: z.strictObject({ falcosidekickConfig: z.record(z.string(), z.unknown()), location: text }),
        imageMirror: z
            .record(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { error: "an upstream registry host such as ghcr.io" }), text)
            .optional(),
        trafficEncryption: z.strictObject({ kind: z.enum(TRAFFIC_ENCRYPTION_KINDS), settings: z.record(z.string(), z.unknown()) }),
        secretStore: z.strictObject({ enabled: z.boolean(), settings: z.record(z.string(), z.unknown()) }),
    })
    .superRefine((handover, ctx) => {
        const tenants = new Set(handover.tenants.map((t) => t.name));
        for (const name of Object.keys(handover.tenantIdentities)) {
            if (!tenants.has(name)) {
                ctx.addIssue({ code: "custom", path: ["tenantIdentities", name], message: "an identity for a tenant of this hand-over" });
            }
        }
        const keys = new Set<string>();
        handover.clusterAddons.forEach((addon, i) => {
            if (keys.has(addon.key))
                ctx.addIssue({ code: "custom", path: ["clusterAddons", i, "key"], message: "a key no other add-on uses" });
            keys.add(addon.key);
        });
    }) satisfies z.ZodType<BaselineHandover>;

/** A hand-over that cannot be used, with every bad field; shown like a config error (no stack trace). */
export class HandoverError extends ConfigError {
    constructor(problems: readonly ConfigProblem[], source: string) {
        super(problems);
        this.name = "HandoverError";
        const noun = problems.length === 1 ? "problem" : "problems";
        this.message = `The hand-over read from ${source} has ${problems.length} ${noun}:\n${this.message.split("\n").slice(1).join("\n")}`;
    }
}

function pathName(path: readonly PropertyKey[]): string {
    let key = HANDOVER_OUTPUT;
    for (const part of path) key += typeof part === "number" ? `[${part}]` : `.${String(part)}`;
    return key;
}

function valueAtPath(value: unknown, path: readonly PropertyKey[]): unknown {
    let current = value;
    for (const part of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[part];
    }
    return current;
}

/** Validates a hand-over read back from `source` (a stack name); throws HandoverError listing every bad field. */
export function parseHandover(value: unknown, source: string): BaselineHandover {
    if (value === undefined || value === null) {
        throw new HandoverError(
            [
                {
                    key: HANDOVER_OUTPUT,
                    value,
                    allowed: `the hand-over of a deployed cluster-layer stack: run \`pulumi up\` on ${source} (layer: cluster) first`,
                },
            ],
            source,
        );
    }
    const parsed = baselineHandoverSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new HandoverError(
        parsed.error.issues.map((issue) => ({ key: pathName(issue.path), value: valueAtPath(value, issue.path), allowed: issue.message })),
        source,
    );
}
