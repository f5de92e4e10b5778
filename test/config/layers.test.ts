import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { validateProgramConfig } from "../../config/program";
import { RawConfig } from "../../config/raw";
import { listStacks, OFFLINE_SECRET_PLACEHOLDER, readStackConfig } from "../../tools/mock/stack-files";

function problemsOf(raw: RawConfig): ConfigError["problems"] {
    try {
        validateProgramConfig(raw);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    throw new Error("expected the config to be refused");
}

const keysOf = (raw: RawConfig) => problemsOf(raw).map((p) => p.key);
const allowedFor = (raw: RawConfig, key: string) => {
    const found = problemsOf(raw).find((p) => p.key === key);
    if (!found) throw new Error(`no problem for ${key}: ${JSON.stringify(problemsOf(raw))}`);
    return found.allowed;
};

/** A valid existing-cluster config; each test breaks one thing. */
function existing(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        layer: "baseline",
        existingCluster: {
            kubeconfig: "apiVersion: v1\nkind: Config",
            storageClass: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } },
        },
        environment: "prod",
        clusterName: "legacy-prod",
        kubernetesVersion: "1.33",
        access: { admins: ["legacy:admins"] },
        trustedRegistries: ["registry.example.com/"],
        ...overrides,
    };
}

describe("every shipped stack file is valid for its layer", () => {
    test.each(listStacks())("%s", (stack) => {
        expect(() => validateProgramConfig(rawConfigFrom(readStackConfig(stack)))).not.toThrow();
    });

    test("the paired baseline stacks read their cluster stack and nothing else", () => {
        for (const name of ["aws-dev", "aws-prod", "azure-dev", "azure-prod"]) {
            const config = validateProgramConfig(rawConfigFrom(readStackConfig(`${name}-baseline`)));
            expect(config).toEqual({
                layer: "baseline",
                source: { kind: "cluster-stack", stackName: `organization/hardened-cluster/${name}` },
            });
            expect(validateProgramConfig(rawConfigFrom(readStackConfig(name))).layer).toBe("cluster");
        }
        for (const name of ["gcp-dev", "gcp-prod"]) expect(validateProgramConfig(rawConfigFrom(readStackConfig(name))).layer).toBe("all");
    });

    test("the existing-cluster example reads its encrypted kubeconfig as the offline placeholder", () => {
        const config = validateProgramConfig(rawConfigFrom(readStackConfig("existing-cluster")));
        if (config.layer !== "baseline" || config.source.kind !== "existing-cluster") throw new Error("not an existing-cluster config");
        expect(config.source.kubeconfig).toBe(OFFLINE_SECRET_PLACEHOLDER);
    });
});

describe("a baseline-layer stack", () => {
    test("with no cluster to apply to names clusterStack and existingCluster in one problem", () => {
        expect(keysOf({ layer: "baseline" })).toEqual(["hardened-cluster:clusterStack"]);
        const allowed = allowedFor({ layer: "baseline" }, "hardened-cluster:clusterStack");
        expect(allowed).toContain("<org>/<project>/<stack>");
        expect(allowed).toContain("organization/hardened-cluster/aws-prod");
        expect(allowed).toContain("existingCluster");
    });

    test("one error lists every bad key: cloud keys, keys the hand-over carries, a malformed stack name", () => {
        const raw = {
            layer: "baseline",
            clusterStack: "aws-prod",
            region: "eu-west-1",
            network: { cidr: "10.0.0.0/16" },
            eks: { nodeOs: "al2023" },
            environment: "prod",
            tenants: [],
            trustedRegistries: ["ghcr.io/acme/"],
        };
        expect(keysOf(raw).sort()).toEqual(
            [
                "hardened-cluster:clusterStack",
                "hardened-cluster:region",
                "hardened-cluster:network",
                "hardened-cluster:eks",
                "hardened-cluster:environment",
                "hardened-cluster:tenants",
                "hardened-cluster:trustedRegistries",
            ].sort(),
        );
        expect(allowedFor(raw, "hardened-cluster:region")).toBe(
            "not used by layer baseline: the cluster layer owns it (set it in the cluster stack)",
        );
        expect(allowedFor(raw, "hardened-cluster:tenants")).toContain(
            "not with clusterStack: the baseline reads it from the cluster stack's hand-over",
        );
        expect(allowedFor(raw, "hardened-cluster:clusterStack")).toContain("a fully qualified stack name");
    });

    test("has no cloud provider: provider settings are refused, not required, and credential values are never printed", () => {
        // A prod baseline stack needs no identity guard: it creates no cloud resource and has no provider to guard.
        expect(validateProgramConfig({ layer: "baseline", clusterStack: "organization/hardened-cluster/aws-prod" }).layer).toBe("baseline");
        const raw = {
            layer: "baseline",
            clusterStack: "organization/hardened-cluster/aws-prod",
            "aws:profile": "deploy",
            "aws:allowedAccountIds": '["123456789012"]',
            "aws:secretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "azure-native:subscriptionId": "00000000-0000-0000-0000-000000000001",
        };
        expect(keysOf(raw).sort()).toEqual(["aws:allowedAccountIds", "aws:profile", "aws:secretKey", "azure-native:subscriptionId"]);
        const problems = problemsOf(raw);
        expect(problems.find((p) => p.key === "aws:profile")?.value).toBe("deploy");
        expect(problems.find((p) => p.key === "aws:secretKey")?.value).toBe("(hidden: credential material)");
        expect(JSON.stringify(problems)).not.toContain("wJalrXUtnFEMI");
        expect(allowedFor(raw, "aws:profile")).toContain("not used by layer baseline: this stack creates no cloud provider");
        expect(allowedFor(raw, "aws:profile")).toContain("give this stack's runner the same credential source");
        const onExisting = existing({ "gcp:impersonateServiceAccount": "deployer@acme.iam.gserviceaccount.com" });
        expect(keysOf(onExisting)).toEqual(["gcp:impersonateServiceAccount"]);
        expect(allowedFor(onExisting, "gcp:impersonateServiceAccount")).toContain("existingCluster.kubeconfig");
    });

    test("both sources at once are refused", () => {
        const raw = existing({ clusterStack: "organization/hardened-cluster/aws-prod" });
        expect(keysOf(raw)).toContain("hardened-cluster:existingCluster");
        expect(allowedFor(raw, "hardened-cluster:existingCluster")).toContain("not together with clusterStack");
    });

    test("an existing cluster needs its baseline keys; each missing one is a problem", () => {
        const raw = { layer: "baseline", existingCluster: existing().existingCluster };
        expect(keysOf(raw).sort()).toEqual(
            [
                "hardened-cluster:access",
                "hardened-cluster:clusterName",
                "hardened-cluster:environment",
                "hardened-cluster:kubernetesVersion",
                "hardened-cluster:trustedRegistries",
            ].sort(),
        );
        expect(allowedFor(raw, "hardened-cluster:kubernetesVersion")).toContain("required with existingCluster");
    });

    test("an existing cluster's cloud goes in existingCluster.cloud, not the top-level cloud key", () => {
        expect(allowedFor(existing({ cloud: "aws" }), "hardened-cluster:cloud")).toContain(
            "name the cluster's cloud in existingCluster.cloud",
        );
    });

    test("access and tenants name Kubernetes groups; built-in system: groups are refused", () => {
        const raw = existing({
            access: { admins: ["system:masters"], viewers: ["system:authenticated"] },
            tenants: [{ name: "billing", editors: ["system:serviceaccounts"], quota: { cpu: "1", memory: "1Gi", pods: 5 } }],
        });
        expect(keysOf(raw).sort()).toEqual(
            ["hardened-cluster:access.admins[0]", "hardened-cluster:access.viewers[0]", "hardened-cluster:tenants[0].editors[0]"].sort(),
        );
        expect(allowedFor(raw, "hardened-cluster:access.admins[0]")).toContain("not a built-in system: group");
    });

    test("an existing cluster needs a storage class and a kubeconfig, and cannot turn off deletion protection in prod", () => {
        const raw = existing({ existingCluster: { kubeconfig: "" }, deletionProtection: false });
        expect(keysOf(raw).sort()).toEqual(
            [
                "hardened-cluster:deletionProtection",
                "hardened-cluster:existingCluster.kubeconfig",
                "hardened-cluster:existingCluster.storageClass",
            ].sort(),
        );
    });

    test("a typo in an existing-cluster key gets a suggestion", () => {
        const raw = existing({ existingCluster: { ...(existing().existingCluster as object), storageClas: {} } });
        expect(allowedFor(raw, "hardened-cluster:existingCluster.storageClas")).toContain('did you mean "storageClass"?');
    });

    test("an existing cluster resolves with the environment's defaults and its own storage class", () => {
        const config = validateProgramConfig(existing({ tenants: [{ name: "billing", quota: { cpu: "1", memory: "1Gi", pods: 5 } }] }));
        if (config.layer !== "baseline" || config.source.kind !== "existing-cluster") throw new Error("not an existing-cluster config");
        expect(config.source.cluster).toMatchObject({
            cloud: "other",
            environment: "prod",
            deletionProtection: true,
            admission: { mode: "Deny", requireImageDigest: true },
            access: { admins: ["legacy:admins"], developers: [], viewers: [] },
            imageVerification: "in-cluster",
            nodeTaints: [],
            storageClass: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } },
            baseline: { runtimeDefence: true, monitoring: "managed" },
        });
        expect(config.source.cluster.tenants[0]).toMatchObject({
            name: "billing",
            allowLoadBalancer: false,
            allowSameNamespaceTraffic: true,
        });
        expect(Object.isFrozen(config.source.cluster.access)).toBe(true);
    });
});

describe("a stack that builds the cluster", () => {
    const AWS = rawConfigFrom(readStackConfig("aws-dev"));

    test("clusterStack and existingCluster belong to layer baseline only", () => {
        const raw = { ...AWS, clusterStack: "organization/hardened-cluster/aws-prod", existingCluster: {} };
        expect(allowedFor(raw, "hardened-cluster:clusterStack")).toBe(
            "only with layer: baseline (a stack that applies the Kubernetes baseline to a cluster it does not build)",
        );
        expect(keysOf(raw)).toContain("hardened-cluster:existingCluster");
    });

    test("an unknown layer lists the three", () => {
        expect(allowedFor({ ...AWS, layer: "both" }, "hardened-cluster:layer")).toBe("one of all, cluster, baseline");
    });

    test("private sources are never open and never wider than /8, like authorized CIDRs", () => {
        const raw = { ...AWS, apiAccess: { privateSourceCidrs: ["0.0.0.0/0", "16.0.0.0/4", "192.168.1.0/24"] } };
        expect(allowedFor(raw, "hardened-cluster:apiAccess.privateSourceCidrs[0]")).toContain(
            "0.0.0.0/0 opens the API server to the internet",
        );
        expect(allowedFor(raw, "hardened-cluster:apiAccess.privateSourceCidrs[1]")).toContain("a block of /8 or smaller");
        expect(keysOf(raw).filter((k) => k.startsWith("hardened-cluster:apiAccess"))).toHaveLength(2);
    });

    test("a malformed security group id is refused", () => {
        const raw = { ...AWS, apiAccess: { privateSourceSecurityGroupIds: ["sg-nothex"] } };
        expect(allowedFor(raw, "hardened-cluster:apiAccess.privateSourceSecurityGroupIds[0]")).toContain("sg-0123456789abcdef0");
    });

    test("a private source inside a VPC the stack creates cannot be a connected network; with an existing VPC it may be", () => {
        const inside = { ...AWS, apiAccess: { privateSourceCidrs: ["10.20.5.0/24"] } };
        expect(allowedFor(inside, "hardened-cluster:apiAccess.privateSourceCidrs[0]")).toContain("outside network.cidr (10.20.0.0/16)");
        const existingVpc = { ...inside, eks: { existingPrivateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] } };
        expect(() => validateProgramConfig(existingVpc)).not.toThrow();
    });

    test("private sources are an EKS construct: refused on azure and gcp with what to use there", () => {
        const azure = { ...rawConfigFrom(readStackConfig("azure-dev")), apiAccess: { privateSourceCidrs: ["10.100.0.0/24"] } };
        expect(allowedFor(azure, "hardened-cluster:apiAccess.privateSourceCidrs")).toContain("aks.runnerVnet");
        const gcp = {
            ...rawConfigFrom(readStackConfig("gcp-dev")),
            apiAccess: { privateSourceSecurityGroupIds: ["sg-0123456789abcdef0"] },
        };
        expect(allowedFor(gcp, "hardened-cluster:apiAccess.privateSourceSecurityGroupIds")).toContain("GKE's DNS endpoint");
    });

    test("a runner VNet needs a private cluster and a VNet resource id", () => {
        const base = rawConfigFrom(readStackConfig("azure-dev"));
        const publicCluster = { ...base, apiAccess: { authorizedCidrs: ["203.0.113.0/24"] } };
        expect(allowedFor(publicCluster, "hardened-cluster:aks.runnerVnet")).toContain("AKS cannot combine them with a private cluster");
        const badId = { ...base, aks: { runnerVnet: { id: "vnet-ci-runners" } } };
        expect(allowedFor(badId, "hardened-cluster:aks.runnerVnet.id")).toContain("/providers/Microsoft.Network/virtualNetworks/<name>");
    });

    test("the runner side's peering is made through the stack's provider, so the runner VNet shares its subscription", () => {
        const prod = rawConfigFrom(readStackConfig("azure-prod"));
        expect(() => validateProgramConfig(prod)).not.toThrow();
        const elsewhere =
            "/subscriptions/99999999-0000-0000-0000-000000000009/resourceGroups/rg-ci/providers/Microsoft.Network/virtualNetworks/vnet-ci";
        const other = { ...prod, aks: { runnerVnet: { id: elsewhere } } };
        expect(keysOf(other)).toEqual(["hardened-cluster:aks.runnerVnet.id"]);
        expect(allowedFor(other, "hardened-cluster:aks.runnerVnet.id")).toContain(
            "a VNet in azure-native:subscriptionId (00000000-0000-0000-0000-000000000001), or set aks.runnerVnet.peerFromRunner: false",
        );
        expect(() => validateProgramConfig({ ...prod, aks: { runnerVnet: { id: elsewhere, peerFromRunner: false } } })).not.toThrow();
    });
});

describe("layer all needs a route from outside the network the run creates (Decision 4)", () => {
    const aws = { ...rawConfigFrom(readStackConfig("aws-dev")), layer: "all", apiAccess: undefined };
    // No runner VNet; the registry keeps its name (an enabled registry needs one without azure-native:subscriptionId).
    const azure = { ...rawConfigFrom(readStackConfig("azure-dev")), layer: "all", aks: { registry: { name: "acmeplatformdev" } } };

    test("EKS without a route: one problem on layer naming every key that opens one", () => {
        const problems = problemsOf(aws);
        expect(problems.map((p) => p.key)).toEqual(["hardened-cluster:layer"]);
        expect(problems[0].value).toBe("all");
        for (const key of [
            "cluster",
            "apiAccess.authorizedCidrs",
            "apiAccess.privateSourceCidrs",
            "apiAccess.privateSourceSecurityGroupIds",
            "eks.existingPrivateSubnetIds",
        ]) {
            expect(problems[0].allowed).toContain(key);
        }
    });

    test("an unset layer means all and is refused the same way", () => {
        const unset: Record<string, unknown> = { ...aws };
        delete unset["layer"];
        expect(problemsOf(unset)[0]).toMatchObject({ key: "hardened-cluster:layer", value: undefined });
    });

    test("EKS private sources count only in a VPC that exists before the run", () => {
        expect(keysOf({ ...aws, apiAccess: { privateSourceCidrs: ["10.100.0.0/24"] } })).toEqual(["hardened-cluster:layer"]);
        const connected = {
            ...aws,
            apiAccess: { privateSourceCidrs: ["10.100.0.0/24"] },
            eks: { existingPrivateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] },
        };
        expect(validateProgramConfig(connected).layer).toBe("all");
        expect(validateProgramConfig({ ...aws, apiAccess: { authorizedCidrs: ["203.0.113.0/24"] } }).layer).toBe("all");
    });

    test("AKS without a route is refused; a runner VNet or authorized CIDRs open one", () => {
        expect(allowedFor(azure, "hardened-cluster:layer")).toContain("aks.runnerVnet");
        const runner =
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/runners";
        expect(validateProgramConfig({ ...azure, aks: { ...azure.aks, runnerVnet: { id: runner } } }).layer).toBe("all");
        expect(validateProgramConfig({ ...azure, apiAccess: { authorizedCidrs: ["203.0.113.0/24"] } }).layer).toBe("all");
    });

    test("GKE always has the DNS endpoint", () => {
        expect(validateProgramConfig(rawConfigFrom(readStackConfig("gcp-prod"))).layer).toBe("all");
    });

    test("the route problem comes with the stack's other problems, in one error", () => {
        expect(keysOf({ ...aws, clusterName: "platform_dev" }).sort()).toEqual(["hardened-cluster:clusterName", "hardened-cluster:layer"]);
    });
});
