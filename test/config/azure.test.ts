import { ConfigError } from "../../config/errors";
import { validateStackConfig } from "../../config/validate";
import { AzureConfig } from "../../config/types";

const ADMIN = "11111111-1111-1111-1111-111111111111";

function base(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        layer: "cluster",
        cloud: "azure",
        environment: "dev",
        clusterName: "platform-dev",
        region: "westeurope",
        access: { admins: [ADMIN] },
        trustedRegistries: ["mcr.microsoft.com/"],
        // The registry's own config is tested in test/azure/registry.test.ts: without a subscription id it needs aks.registry.name.
        registry: { enabled: false },
        ...overrides,
    };
}

/** The problems a config is refused with; fails the test when it is accepted. */
function problemsOf(raw: Record<string, unknown>): ConfigError["problems"] {
    try {
        validateStackConfig(raw);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    throw new Error("the config was accepted");
}

function messageOf(raw: Record<string, unknown>): string {
    try {
        validateStackConfig(raw);
    } catch (e) {
        if (e instanceof ConfigError) return e.message;
        throw e;
    }
    throw new Error("the config was accepted");
}

describe("Azure stack config", () => {
    test("a minimal Azure config is accepted with AKS defaults", () => {
        const config = validateStackConfig(base()) as AzureConfig;
        expect(config.aks).toEqual({
            networkPolicy: "cilium",
            nodeOsUpgradeChannel: "NodeImage",
            upgradeChannel: "patch",
            kubeloginMode: "azurecli",
            registry: { upstreamCredentials: {} },
            defenderForContainers: "manage",
            rolePropagationSeconds: 120,
        });
        expect(config.nodePools.system.machineType).toBe("Standard_D4ds_v5");
    });

    test("a malformed Entra ID object id names the key, the value and the GUID format", () => {
        const message = messageOf(base({ access: { admins: ["platform-admins@example.com"] } }));
        expect(message).toContain("hardened-cluster:access.admins[0]");
        expect(message).toContain('"platform-admins@example.com"');
        expect(message).toContain("an Entra ID group object id (a GUID");
    });

    test("a malformed tenant editor id is refused at its own path", () => {
        const message = messageOf(
            base({ tenants: [{ name: "payments", editors: ["not-a-guid"], quota: { cpu: "4", memory: "8Gi", pods: 20 } }] }),
        );
        expect(message).toContain("hardened-cluster:tenants[0].editors[0]");
        expect(message).toContain('"not-a-guid"');
    });

    test("an unknown location names the key, the value and known Azure regions", () => {
        const message = messageOf(base({ region: "westeurop" }));
        expect(message).toContain("hardened-cluster:region");
        expect(message).toContain('"westeurop"');
        expect(message).toContain("known: eastus, eastus2");
    });

    test("an AWS-style region is refused with an Azure example", () => {
        expect(messageOf(base({ region: "eu-west-1" }))).toContain("azure region name such as westeurope");
    });

    test("0.0.0.0/0 as an authorised API range is refused", () => {
        const message = messageOf(base({ apiAccess: { authorizedCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } }));
        expect(message).toContain("hardened-cluster:apiAccess.authorizedCidrs[1]");
        expect(message).toContain('"0.0.0.0/0"');
        expect(message).toContain("0.0.0.0/0 opens the API server to the internet");
    });

    test("a service range overlapping an AKS-reserved range is refused", () => {
        const problems = problemsOf(base({ network: { serviceCidr: "172.30.0.0/16" } }));
        expect(problems).toContainEqual({
            key: "hardened-cluster:network.serviceCidr",
            value: "172.30.0.0/16",
            allowed: expect.stringContaining("does not overlap 172.30.0.0/16 (AKS reserves 169.254.0.0/16"),
        });
    });

    test("a service range overlapping the VNet is refused (shared rule)", () => {
        const message = messageOf(base({ network: { cidr: "10.0.0.0/16", serviceCidr: "10.0.128.0/20" } }));
        expect(message).toContain("hardened-cluster:network.serviceCidr");
        expect(message).toContain("does not overlap network.cidr (10.0.0.0/16)");
    });

    test("a service range too small for the kube-dns address is refused", () => {
        const problems = problemsOf(base({ network: { serviceCidr: "172.20.0.0/29" } }));
        expect(problems.find((p) => p.key === "hardened-cluster:network.serviceCidr")?.allowed).toContain(
            "kube-dns takes the range's 10th address",
        );
    });

    test("a VNet too small to halve into a /24 node subnet is refused", () => {
        const problems = problemsOf(base({ network: { cidr: "10.0.0.0/24" } }));
        expect(problems).toContainEqual({
            key: "hardened-cluster:network.cidr",
            value: "10.0.0.0/24",
            allowed: expect.stringContaining("a /23 or larger block"),
        });
    });

    test("a pod range with fewer /24s than the pools' maximum node count is refused", () => {
        const problems = problemsOf(base({ network: { podCidr: "10.64.0.0/22" }, nodePools: { general: { maxSize: 20 } } }));
        const pod = problems.find((p) => p.key === "hardened-cluster:network.podCidr");
        expect(pod?.value).toBe("10.64.0.0/22");
        expect(pod?.allowed).toContain("at least 25 /24s");
        expect(pod?.allowed).toContain("this one has 4");
    });

    test("more than one zone in a region without availability zones is refused", () => {
        const problems = problemsOf(base({ region: "westus", network: { zones: 2 } }));
        expect(problems).toContainEqual({
            key: "hardened-cluster:network.zones",
            value: 2,
            allowed: expect.stringContaining("1 in westus, which has no availability zones"),
        });
    });

    test("more than three zones is refused by the schema", () => {
        expect(messageOf(base({ network: { zones: 4 } }))).toContain(
            "hardened-cluster:network.zones: got 4; allowed: a whole number from 1 to 3",
        );
    });

    test("retention beyond Log Analytics' interactive limit is refused", () => {
        expect(messageOf(base({ logRetentionDays: 1000 }))).toContain(
            "hardened-cluster:logRetentionDays: got 1000; allowed: at most 730 days on Azure",
        );
    });

    test("a VM size that is not an Azure size is refused", () => {
        const message = messageOf(base({ nodePools: { general: { machineType: "m7i.large" } } }));
        expect(message).toContain(
            'hardened-cluster:nodePools.general.machineType: got "m7i.large"; allowed: an Azure VM size such as Standard_D4ds_v5',
        );
    });

    test("an unknown AKS setting is refused with the allowed values", () => {
        const message = messageOf(base({ aks: { networkPolicy: "none" } }));
        expect(message).toContain('hardened-cluster:aks.networkPolicy: got "none"; allowed: cilium, azure or calico');
    });

    test("the node-image cluster channel with the SecurityPatch node OS channel is refused; other pairs are accepted", () => {
        const message = messageOf(base({ aks: { upgradeChannel: "node-image", nodeOsUpgradeChannel: "SecurityPatch" } }));
        expect(message).toContain(
            'hardened-cluster:aks.nodeOsUpgradeChannel: got "SecurityPatch"; allowed: NodeImage (or unset) while aks.upgradeChannel is node-image',
        );
        expect(problemsOf(base({ aks: { upgradeChannel: "node-image", nodeOsUpgradeChannel: "SecurityPatch" } }))).toHaveLength(1);
        for (const aks of [
            { upgradeChannel: "node-image" },
            { upgradeChannel: "node-image", nodeOsUpgradeChannel: "NodeImage" },
            { upgradeChannel: "patch", nodeOsUpgradeChannel: "SecurityPatch" },
        ]) {
            expect(() => validateStackConfig(base({ aks }))).not.toThrow();
        }
    });

    test("the shipped default network passes the AKS rules", () => {
        // Prod also carries its identity guard and an explicit deployer.
        const prod = base({
            environment: "prod",
            clusterName: "platform-prod",
            access: { admins: [ADMIN], deployer: `Group:${ADMIN}` },
            "azure-native:subscriptionId": "00000000-0000-0000-0000-000000000001",
            "azure-native:tenantId": "00000000-0000-0000-0000-000000000002",
            baseline: { imageSignatures: { keyless: [{ issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^x$" }] } },
        });
        expect(() => validateStackConfig(prod)).not.toThrow();
    });
});
