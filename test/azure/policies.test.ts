import { Policy } from "@pulumi/policy";
import { AZURE_POLICIES } from "../../policypacks/cluster-hardening/azure";
import { isEffectivelyOpen } from "../../policypacks/cluster-hardening/azure/cidr";
import { durationDays } from "../../policypacks/cluster-hardening/azure/duration";
import { CLUSTER_CONTROLS } from "../../policypacks/controls/cluster";
import { PackConfig } from "../../tools/policy/evaluate";
import { CapturedResource, runStack } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";

const CLUSTER = "azure-native:containerservice:ManagedCluster";
const POOL = "azure-native:containerservice:AgentPool";
const VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const WORKSPACE = "azure-native:operationalinsights:Workspace";
const DIAGNOSTICS = "azure-native:monitor:DiagnosticSetting";

type Props = Record<string, unknown>;

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
});

function policy(name: string): Policy {
    const found = AZURE_POLICIES.find((p) => p.name === name);
    if (!found) throw new Error(`no azure policy ${name}`);
    return found;
}

/** The blueprint with one resource's props changed (props are plain JSON here: no secrets, no unknowns). */
function variant(type: string, change: (props: Props) => void, which: (r: CapturedResource) => boolean = () => true): CapturedResource[] {
    let changed = false;
    const out = blueprint.map((r) => {
        if (changed || r.type !== type || !which(r)) return r;
        changed = true;
        const props = JSON.parse(JSON.stringify(r.props)) as Props;
        change(props);
        return { ...r, props };
    });
    if (!changed) throw new Error(`no ${type} to change`);
    return out;
}

function obj(props: Props, key: string): Props {
    return props[key] as Props;
}

function systemPool(props: Props): Props {
    return (props["agentPoolProfiles"] as Props[])[0];
}

async function expectPass(name: string, config: PackConfig = {}): Promise<void> {
    const outcomes = await evaluatePolicy(policy(name), blueprint, config);
    expect(violations(outcomes)).toEqual([]);
    expect(passes(outcomes, name).length).toBeGreaterThan(0);
}

async function messages(name: string, resources: CapturedResource[], config: PackConfig = {}): Promise<string[]> {
    return violations(await evaluatePolicy(policy(name), resources, config), name).map((v) => v.message ?? "");
}

describe("the Azure policy list", () => {
    test("implements exactly the catalogue's azure policies", () => {
        const catalogue = CLUSTER_CONTROLS.flatMap((c) => c.policies).filter((p) => p.startsWith("azure-"));
        expect(AZURE_POLICIES.map((p) => p.name).sort()).toEqual([...catalogue].sort());
    });
});

describe("azure-aks-cluster-require-private-api", () => {
    const name = "azure-aks-cluster-require-private-api";
    test("passes on the private blueprint cluster", () => expectPass(name));

    test("fails a public API without authorised ranges", async () => {
        const rs = variant(CLUSTER, (p) => (p["apiServerAccessProfile"] = { enablePrivateCluster: false }));
        const [message] = await messages(name, rs);
        expect(message).toContain("[HC-API-01]");
        expect(message).toContain("authorizedIPRanges is empty");
        expect(message).toContain("set enablePrivateCluster true or list specific CIDRs");
    });

    test("fails authorised ranges that are open", async () => {
        const rs = variant(CLUSTER, (p) => (p["apiServerAccessProfile"] = { authorizedIPRanges: ["203.0.113.0/24", "0.0.0.0/0"] }));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("authorizedIPRanges [0.0.0.0/0] is open")]);
    });

    test("passes a public API limited to specific ranges", async () => {
        const rs = variant(
            CLUSTER,
            (p) => (p["apiServerAccessProfile"] = { enablePrivateCluster: false, authorizedIPRanges: ["203.0.113.0/24", "198.51.100.7"] }),
        );
        expect(await messages(name, rs)).toEqual([]);
    });
});

describe("azure-aks-pool-deny-node-public-ip", () => {
    const name = "azure-aks-pool-deny-node-public-ip";
    test("passes on the blueprint's inline and separate pools", async () => {
        const outcomes = await evaluatePolicy(policy(name), blueprint);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, name)).toHaveLength(3);
    });

    test("fails a public IP on the inline System pool", async () => {
        const rs = variant(CLUSTER, (p) => (systemPool(p)["enableNodePublicIP"] = true));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("agentPoolProfiles[system] has enableNodePublicIP true")]);
    });

    test("fails a public IP prefix on an AgentPool", async () => {
        const rs = variant(POOL, (p) => (p["nodePublicIPPrefixID"] = "/subscriptions/x/prefix"));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("agent pool general sets nodePublicIPPrefixID")]);
    });
});

describe("azure-aks-cluster-require-network-policy", () => {
    const name = "azure-aks-cluster-require-network-policy";
    test("passes on Cilium", () => expectPass(name));

    test("fails without a policy engine", async () => {
        const rs = variant(CLUSTER, (p) => delete obj(p, "networkProfile")["networkPolicy"]);
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("networkProfile.networkPolicy is not set, so NetworkPolicy objects are not enforced"),
        ]);
    });

    test("fails Cilium policy on the Azure dataplane", async () => {
        const rs = variant(CLUSTER, (p) => (obj(p, "networkProfile")["networkDataplane"] = "azure"));
        expect(await messages(name, rs)).toEqual([expect.stringContaining('Cilium policy needs networkDataplane "cilium"')]);
    });
});

describe("azure-aks-cluster-require-kms-etcd-encryption", () => {
    const name = "azure-aks-cluster-require-kms-etcd-encryption";
    test("passes with KMS on", () => expectPass(name));

    test("fails with KMS off", async () => {
        const rs = variant(CLUSTER, (p) => (obj(obj(p, "securityProfile"), "azureKeyVaultKms")["enabled"] = false));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("securityProfile.azureKeyVaultKms.enabled is not true")]);
    });

    test("fails a Private vault without its resource id", async () => {
        // Prod's KMS is already Private (with the vault's id): drop the id.
        const rs = variant(CLUSTER, (p) => {
            const kms = obj(obj(p, "securityProfile"), "azureKeyVaultKms");
            kms["keyVaultNetworkAccess"] = "Private";
            delete kms["keyVaultResourceId"];
        });
        expect(await messages(name, rs)).toEqual([expect.stringContaining("keyVaultResourceId is empty")]);
    });

    test("is not evaluated (never passes) while the key URI is unknown in a first preview", async () => {
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        const outcomes = await evaluatePolicy(policy(name), resources);
        expect(outcomes.map((o) => o.status)).toEqual(["not-evaluated"]);
    });
});

describe("azure-keyvault-vault-require-purge-protection", () => {
    const name = "azure-keyvault-vault-require-purge-protection";
    test("passes on the blueprint vault", () => expectPass(name));

    test("fails without purge protection", async () => {
        const rs = variant(VAULT, (p) => (obj(p, "properties")["enablePurgeProtection"] = false));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("properties.enablePurgeProtection is not true")]);
    });

    test("fails a short soft-delete window", async () => {
        const rs = variant(VAULT, (p) => (obj(p, "properties")["softDeleteRetentionInDays"] = 7));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("softDeleteRetentionInDays is 7; set it to at least 90")]);
    });
});

describe("azure-keyvault-key-require-rotation", () => {
    const name = "azure-keyvault-key-require-rotation";
    test("passes on the yearly rotation", () => expectPass(name));

    test("fails without a rotation policy", async () => {
        const rs = variant(KEY, (p) => delete obj(p, "properties")["rotationPolicy"]);
        expect(await messages(name, rs)).toEqual([expect.stringContaining('has no "rotate" lifetime action')]);
    });

    test("fails a rotation slower than maximumDays", async () => {
        const rs = variant(KEY, (p) => {
            const actions = obj(obj(p, "properties"), "rotationPolicy")["lifetimeActions"] as Props[];
            actions[0]["trigger"] = { timeAfterCreate: "P3Y" };
        });
        expect(await messages(name, rs)).toEqual([expect.stringContaining("not within 365 days")]);
        expect(await messages(name, rs, { [name]: { maximumDays: 1200 } })).toEqual([]);
    });
});

describe("azure-aks-stack-require-audit-diagnostics", () => {
    const name = "azure-aks-stack-require-audit-diagnostics";
    test("passes when the cluster's diagnostic setting ships audit and API server logs", () => expectPass(name));

    test("fails when the cluster has no diagnostic setting", async () => {
        const rs = blueprint.filter((r) => r.type !== DIAGNOSTICS);
        const [message] = await messages(name, rs);
        expect(message).toContain("[HC-AUD-01] AKS cluster platform-prod-aks has no diagnostic setting whose resourceUri is the cluster");
    });

    test("fails when the setting leaves out the audit category", async () => {
        const rs = variant(
            DIAGNOSTICS,
            (p) =>
                (p["logs"] = [
                    { category: "kube-apiserver", enabled: true },
                    { category: "kube-audit", enabled: false },
                ]),
        );
        expect(await messages(name, rs)).toEqual([expect.stringContaining("ship [kube-apiserver] but not kube-audit or kube-audit-admin")]);
    });

    test("a setting on another resource does not count", async () => {
        const rs = blueprint.map((r) =>
            r.type === DIAGNOSTICS
                ? {
                      ...r,
                      propertyDependencies: {
                          ...r.propertyDependencies,
                          resourceUri: [blueprint.find((x) => x.type === WORKSPACE)?.urn ?? ""],
                      },
                  }
                : r,
        );
        expect(await messages(name, rs)).toEqual([expect.stringContaining("has no diagnostic setting")]);
    });

    test("is not applicable to a stack without AKS clusters", async () => {
        const outcomes = await evaluatePolicy(
            policy(name),
            blueprint.filter((r) => r.type !== CLUSTER),
        );
        expect(outcomes).toEqual([]);
    });
});

describe("azure-operationalinsights-workspace-require-retention", () => {
    const name = "azure-operationalinsights-workspace-require-retention";
    test("passes 365 days against the prod minimum", () => expectPass(name, { [name]: { minimumDays: 365 } }));

    test("fails a workspace below the configured minimum", async () => {
        const rs = variant(WORKSPACE, (p) => (p["retentionInDays"] = 90));
        expect(await messages(name, rs, { [name]: { minimumDays: 365 } })).toEqual([
            expect.stringContaining("retentionInDays is 90; set it to at least 365 days"),
        ]);
        expect(await messages(name, rs, { [name]: { minimumDays: 90 } })).toEqual([]);
    });

    test("fails an unset retention (Azure's 30-day default) against the default minimum", async () => {
        const rs = variant(WORKSPACE, (p) => delete p["retentionInDays"]);
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("retentionInDays is not set, so Azure keeps logs 30 days; set it to at least 365"),
        ]);
    });
});

describe("azure-aks-cluster-require-entra-rbac", () => {
    const name = "azure-aks-cluster-require-entra-rbac";
    test("passes with managed Entra ID and Azure RBAC", () => expectPass(name));

    test("fails without Azure RBAC", async () => {
        const rs = variant(CLUSTER, (p) => (obj(p, "aadProfile")["enableAzureRBAC"] = false));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("aadProfile.enableAzureRBAC is not true")]);
    });

    test("fails without an aadProfile", async () => {
        const rs = variant(CLUSTER, (p) => delete p["aadProfile"]);
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("aadProfile.managed is not true"),
            expect.stringContaining("aadProfile.enableAzureRBAC is not true"),
        ]);
    });
});

describe("azure-aks-cluster-deny-local-accounts", () => {
    const name = "azure-aks-cluster-deny-local-accounts";
    test("passes with local accounts disabled", () => expectPass(name));

    test("fails when local accounts stay on (unset)", async () => {
        const rs = variant(CLUSTER, (p) => delete p["disableLocalAccounts"]);
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining(
                "disableLocalAccounts is not set, so listClusterAdminCredential hands out a static cluster-admin certificate",
            ),
        ]);
    });
});

describe("azure-aks-cluster-require-workload-identity", () => {
    const name = "azure-aks-cluster-require-workload-identity";
    test("passes with workload identity and OIDC issuer", () => expectPass(name));

    test("fails without the OIDC issuer", async () => {
        const rs = variant(CLUSTER, (p) => (p["oidcIssuerProfile"] = { enabled: false }));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("oidcIssuerProfile.enabled is not true")]);
    });

    test("fails without workload identity", async () => {
        const rs = variant(CLUSTER, (p) => delete obj(p, "securityProfile")["workloadIdentity"]);
        expect(await messages(name, rs)).toEqual([expect.stringContaining("securityProfile.workloadIdentity.enabled is not true")]);
    });
});

describe("azure-aks-pool-require-encryption-at-host", () => {
    const name = "azure-aks-pool-require-encryption-at-host";
    test("passes on every pool", () => expectPass(name));

    test("fails an AgentPool without it", async () => {
        const rs = variant(
            POOL,
            (p) => delete p["enableEncryptionAtHost"],
            (r) => r.name.endsWith("isolated"),
        );
        expect(await messages(name, rs)).toEqual([expect.stringContaining("agent pool isolated has enableEncryptionAtHost not set")]);
    });

    test("fails the inline pool with it off", async () => {
        const rs = variant(CLUSTER, (p) => (systemPool(p)["enableEncryptionAtHost"] = false));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("agentPoolProfiles[system] has enableEncryptionAtHost false")]);
    });
});

describe("azure-aks-pool-deny-ssh-access", () => {
    const name = "azure-aks-pool-deny-ssh-access";
    test("passes with SSH disabled everywhere", () => expectPass(name));

    test("fails an AgentPool without an SSH setting (AKS default LocalUser)", async () => {
        const rs = variant(POOL, (p) => delete p["securityProfile"]);
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("agent pool general has securityProfile.sshAccess not set (AKS defaults to LocalUser)"),
        ]);
    });

    test("fails the inline pool with LocalUser", async () => {
        const rs = variant(CLUSTER, (p) => (systemPool(p)["securityProfile"] = { sshAccess: "LocalUser" }));
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining('agentPoolProfiles[system] has securityProfile.sshAccess "LocalUser"; set it to "Disabled"'),
        ]);
    });
});

describe("azure-aks-pool-require-azure-linux", () => {
    const name = "azure-aks-pool-require-azure-linux";
    test("passes on Azure Linux", () => expectPass(name));

    test("fails Ubuntu", async () => {
        const rs = variant(POOL, (p) => (p["osSKU"] = "Ubuntu"));
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining('agent pool general has osSKU "Ubuntu"; set it to one of AzureLinux, AzureLinux3'),
        ]);
    });

    test("fails an unset SKU on the inline pool (AKS default Ubuntu)", async () => {
        const rs = variant(CLUSTER, (p) => delete systemPool(p)["osSKU"]);
        expect(await messages(name, rs)).toEqual([expect.stringContaining("osSKU not set (AKS defaults to Ubuntu)")]);
    });
});

describe("azure-aks-cluster-require-upgrade-channels", () => {
    const name = "azure-aks-cluster-require-upgrade-channels";
    test("passes with patch and NodeImage", () => expectPass(name));

    test("fails manual channels", async () => {
        const rs = variant(CLUSTER, (p) => (p["autoUpgradeProfile"] = { upgradeChannel: "none", nodeOSUpgradeChannel: "Unmanaged" }));
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining('autoUpgradeProfile.upgradeChannel is "none", so patches wait for a human'),
            expect.stringContaining('autoUpgradeProfile.nodeOSUpgradeChannel is "Unmanaged"'),
        ]);
    });

    test("fails an unset node OS channel", async () => {
        const rs = variant(CLUSTER, (p) => delete obj(p, "autoUpgradeProfile")["nodeOSUpgradeChannel"]);
        expect(await messages(name, rs)).toEqual([expect.stringContaining("autoUpgradeProfile.nodeOSUpgradeChannel is not set")]);
    });
});

describe("azure-aks-cluster-require-defender", () => {
    const name = "azure-aks-cluster-require-defender";
    test("passes with Defender reporting to the workspace", () => expectPass(name));

    test("fails without Defender", async () => {
        const rs = variant(CLUSTER, (p) => delete obj(p, "securityProfile")["defender"]);
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("securityProfile.defender.securityMonitoring.enabled is not true"),
            expect.stringContaining("securityProfile.defender.logAnalyticsWorkspaceResourceId is not set"),
        ]);
    });
});

describe("azure-aks-cluster-require-azure-policy", () => {
    const name = "azure-aks-cluster-require-azure-policy";
    test("passes with the add-on", () => expectPass(name));

    test("fails with the add-on disabled", async () => {
        const rs = variant(CLUSTER, (p) => (obj(p, "addonProfiles")["azurepolicy"] = { enabled: false }));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("addonProfiles.azurepolicy is disabled")]);
    });

    test("fails without the add-on", async () => {
        const rs = variant(CLUSTER, (p) => (p["addonProfiles"] = {}));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("[HC-RUN-01] addonProfiles.azurepolicy is not set")]);
    });
});

describe("policy helpers", () => {
    test("effectively open ranges: /0 and anything wider than /8, malformed entries", () => {
        expect(isEffectivelyOpen("0.0.0.0/0")).toBe(true);
        expect(isEffectivelyOpen("10.0.0.0/7")).toBe(true);
        expect(isEffectivelyOpen("not-a-cidr")).toBe(true);
        expect(isEffectivelyOpen("300.0.0.0/16")).toBe(true);
        expect(isEffectivelyOpen("10.0.0.0/8")).toBe(false);
        expect(isEffectivelyOpen("203.0.113.7")).toBe(false);
    });

    test("ISO 8601 durations in days", () => {
        expect(durationDays("P1Y")).toBe(365);
        expect(durationDays("P90D")).toBe(90);
        expect(durationDays("P1Y6M")).toBe(545);
        expect(durationDays("P2W")).toBe(14);
        expect(durationDays("PT12H")).toBeUndefined();
        expect(durationDays("P")).toBeUndefined();
    });
});
