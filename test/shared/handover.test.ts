import { rawConfigFrom } from "../../config/load";
import { validateProgramConfig } from "../../config/program";
import { validateStackConfig } from "../../config/validate";
import { BaselineHandover, HANDOVER_SCHEMA_VERSION, NEUTRAL_HANDOVER_EXTRAS } from "../../components/shared/handover";
import { handoverFromConfig, handoverFromExistingCluster, nodeTaintsOf } from "../../components/shared/handover-plan";
import { HandoverError, parseHandover } from "../../components/shared/handover-schema";
import { readStackConfig } from "../../tools/mock/stack-files";

/** A resolved hand-over as an AWS cluster stack exports it (subjects and storage plan as the component gives them). */
function exported(): BaselineHandover {
    const config = validateStackConfig(rawConfigFrom(readStackConfig("aws-prod")));
    return JSON.parse(
        JSON.stringify(
            handoverFromConfig(config, {
                subjects: { admins: ["hardened:platform-admins"], viewers: [], developers: [], tenants: {} },
                storageClass: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true", kmsKeyId: "arn:aws:kms:k" } },
                imageVerification: "in-cluster",
            }),
        ),
    ) as BaselineHandover;
}

function problemsOf(value: unknown): HandoverError["problems"] {
    try {
        parseHandover(value, "organization/hardened-cluster/aws-prod");
    } catch (e) {
        if (e instanceof HandoverError) return e.problems;
        throw e;
    }
    throw new Error("expected the hand-over to be refused");
}

describe("the hand-over a cluster stack exports", () => {
    test("is plain, versioned data with the stack's baseline keys, neutral later-filled fields and the traffic-encryption kind", () => {
        const handover = exported();
        expect(handover).toMatchObject({
            schemaVersion: HANDOVER_SCHEMA_VERSION,
            cloud: "aws",
            environment: "prod",
            clusterName: "platform-prod",
            kubernetesVersion: "1.35",
            deletionProtection: true,
            imageVerification: "in-cluster",
            admission: { mode: "Deny", requireImageDigest: true },
            ...NEUTRAL_HANDOVER_EXTRAS,
            // Decided from trafficEncryption.enabled (on in prod): EKS has no managed option.
            trafficEncryption: { kind: "istio-ambient", settings: {} },
        });
        expect(handover.tenants.map((t) => t.name)).toEqual(["payments", "search"]);
        expect(handover.nodeTaints).toEqual([
            { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" },
            { key: "hardened-cluster.io/isolated", value: "true", effect: "NoSchedule" },
        ]);
    });

    test("reads back unchanged", () => {
        const handover = exported();
        expect(parseHandover(handover, "s")).toEqual(handover);
    });

    test("node taints are every pool's, once each", () => {
        const config = validateStackConfig(rawConfigFrom(readStackConfig("aws-dev")));
        expect(nodeTaintsOf(config.nodePools)).toHaveLength(2);
    });
});

describe("reading a hand-over back", () => {
    test("a stack that exported none (not deployed, or not a cluster stack) is told to deploy it first", () => {
        expect(problemsOf(undefined)).toEqual([
            {
                key: "baselineHandover",
                value: undefined,
                allowed:
                    "the hand-over of a deployed cluster-layer stack: run `pulumi up` on organization/hardened-cluster/aws-prod (layer: cluster) first",
            },
        ]);
    });

    test("every bad field is listed with its path: version, missing admins, a chart range, an unknown field", () => {
        const handover = exported() as unknown as Record<string, unknown>;
        const bad = {
            ...handover,
            schemaVersion: 2,
            subjects: { ...(handover["subjects"] as object), admins: [] },
            tenantIdentities: { nobody: { serviceAccount: "app", annotations: {}, podLabels: {} } },
            clusterAddons: [
                {
                    kind: "helm",
                    key: "karpenter",
                    namespace: "kube-system",
                    chart: { name: "karpenter", version: "^1.0.0", repo: "oci://public.ecr.aws/karpenter" },
                    values: {},
                },
                { kind: "manifest", key: "karpenter", objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }] },
            ],
            surprise: true,
        };
        const problems = problemsOf(bad);
        expect(problems.map((p) => p.key).sort()).toEqual(
            [
                "baselineHandover",
                "baselineHandover.clusterAddons[0].chart.version",
                "baselineHandover.schemaVersion",
                "baselineHandover.subjects.admins",
            ].sort(),
        );
        expect(problems.find((p) => p.key === "baselineHandover.schemaVersion")?.allowed).toContain("schema version 1");
        expect(problems.find((p) => p.key === "baselineHandover.clusterAddons[0].chart.version")?.allowed).toContain("no ranges");
    });

    test("cross-field rules run on an otherwise valid hand-over: tenant identities name tenants, add-on keys are unique", () => {
        const handover = exported();
        const addon = {
            kind: "manifest" as const,
            key: "extras",
            objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }],
        };
        const problems = problemsOf({
            ...handover,
            tenantIdentities: { nobody: { serviceAccount: "app", annotations: {}, podLabels: {} } },
            clusterAddons: [addon, addon],
        });
        expect(problems.map((p) => p.key).sort()).toEqual([
            "baselineHandover.clusterAddons[1].key",
            "baselineHandover.tenantIdentities.nobody",
        ]);
    });

    test("the error reads like a config error, naming the stack it came from", () => {
        expect(() => parseHandover({ ...exported(), environment: "qa" }, "organization/hardened-cluster/aws-prod")).toThrow(
            /^The hand-over read from organization\/hardened-cluster\/aws-prod has 1 problem:\n {2}- baselineHandover.environment: got "qa"; allowed: /,
        );
    });
});

describe("a cluster the blueprint did not build", () => {
    test("its stack file becomes the same hand-over: groups as they are, its own storage class and taints", () => {
        const config = validateProgramConfig(rawConfigFrom(readStackConfig("existing-cluster")));
        if (config.layer !== "baseline" || config.source.kind !== "existing-cluster") throw new Error("not an existing-cluster config");
        const handover = handoverFromExistingCluster(config.source.cluster);
        expect(parseHandover(JSON.parse(JSON.stringify(handover)), "existing-cluster")).toEqual(handover);
        expect(handover).toMatchObject({
            cloud: "aws",
            environment: "prod",
            clusterName: "legacy-prod",
            kubernetesVersion: "1.33",
            subjects: {
                admins: ["legacy:platform-admins"],
                developers: ["legacy:developers"],
                viewers: ["legacy:auditors"],
                tenants: { billing: { editors: ["legacy:team-billing"], viewers: [] } },
            },
            storageClass: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } },
            nodeTaints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
            ...NEUTRAL_HANDOVER_EXTRAS,
        });
    });
});
