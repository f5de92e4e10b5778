import fc from "fast-check";
import { cidrContains, cidrsOverlap } from "../../core/cidr";
import { ISOLATED_TAINT, POOL_LABEL } from "../../core/labels";
import { AZURE_CLI_APP_ID, deployerPrincipalType } from "../../components/azure/access";
import { planAddresses } from "../../components/azure/address-plan";
import { clusterEndpoint, execKubeconfig, kubeconfigFromUserCredentials, KUBELOGIN_ARGS } from "../../components/azure/kubeconfig";
import { keyVaultName, stableGuid } from "../../components/azure/names";
import { osDiskTypeFor } from "../../components/azure/pool-plan";
import { planKms, PUBLIC_KMS_VAULT_EXCEPTION } from "../../components/azure/kms-plan";
import { autoScalerProfile, planMaintenance, poolUpgradeSettings } from "../../components/azure/maintenance-plan";
import { formatCarriedException } from "../../core/exception-format";
import { parseCarried } from "../../policypacks/lib/exceptions";
import { planPools, planZones } from "../../components/azure/pool-plan";
import { planRoleGrants } from "../../components/azure/role-plan";
import { BUILT_IN_ROLES, roleDefinitionId } from "../../components/azure/roles";
import { planStorageClass } from "../../components/azure/storage";
import { validateStackConfig } from "../../config/validate";
import { AzureConfig } from "../../config/types";
import { parse } from "yaml";
import { nonEmpty } from "../harness/non-empty";

const A = "11111111-1111-1111-1111-111111111111";
const D = "22222222-2222-2222-2222-222222222222";
const V = "33333333-3333-3333-3333-333333333333";
const E = "44444444-4444-4444-4444-444444444444";
const TV = "55555555-5555-5555-5555-555555555555";

/** A cluster-layer config (layer all would need a route to the private API: config/reachability.ts). */
function azureConfig(overrides: Record<string, unknown> = {}): AzureConfig {
    return validateStackConfig({
        layer: "cluster",
        cloud: "azure",
        environment: "prod",
        clusterName: "platform-prod",
        region: "westeurope",
        "azure-native:subscriptionId": "00000000-0000-0000-0000-000000000001",
        "azure-native:tenantId": "00000000-0000-0000-0000-000000000002",
        access: { admins: [A], developers: [D], viewers: [V], deployer: `Group:${A}` },
        tenants: [
            { name: "payments", editors: [E], viewers: [TV], quota: { cpu: "4", memory: "8Gi", pods: 20 } },
            { name: "search", quota: { cpu: "4", memory: "8Gi", pods: 20 } },
        ],
        trustedRegistries: ["mcr.microsoft.com/"],
        // Prod names its image signers (HC-SUP-04).
        baseline: { imageSignatures: { keyless: [{ issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^x$" }] } },
        ...overrides,
    }) as AzureConfig;
}

describe("address plan", () => {
    test("halves the VNet into the node subnet and a reserved range, kube-dns at .10 of the service range", () => {
        expect(
            planAddresses({ cidr: "10.50.0.0/16", podCidr: "10.244.0.0/16", serviceCidr: "172.20.0.0/16", zones: 3, natLayout: "perZone" }),
        ).toEqual({
            vnetCidr: "10.50.0.0/16",
            nodeSubnetCidr: "10.50.0.0/17",
            reservedCidr: "10.50.128.0/17",
            apiServerSubnetCidr: "10.50.128.0/28",
            privateEndpointSubnetCidr: "10.50.128.16/28",
            podCidr: "10.244.0.0/16",
            serviceCidr: "172.20.0.0/16",
            dnsServiceIP: "172.20.0.10",
        });
    });

    test("refuses a VNet too small to halve (config validation stops it earlier)", () => {
        expect(() =>
            planAddresses({ cidr: "10.0.0.0/24", podCidr: "10.244.0.0/16", serviceCidr: "172.20.0.0/16", zones: 1, natLayout: "single" }),
        ).toThrow("smaller than /23");
    });

    test("property: subnets lie inside the VNet, do not overlap each other, and the DNS IP is in the service range", () => {
        fc.assert(
            fc.property(fc.integer({ min: 8, max: 23 }), fc.integer({ min: 0, max: 255 }), (prefix, second) => {
                const size = 2 ** (32 - prefix);
                const base = Math.floor((10 * 2 ** 24 + second * 2 ** 16) / size) * size;
                const cidr = `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join(".")}/${prefix}`;
                const plan = planAddresses({
                    cidr,
                    podCidr: "100.64.0.0/16",
                    serviceCidr: "172.20.0.0/16",
                    zones: 3,
                    natLayout: "perZone",
                });
                expect(cidrContains(cidr, plan.nodeSubnetCidr)).toBe(true);
                expect(cidrContains(cidr, plan.reservedCidr)).toBe(true);
                expect(cidrsOverlap(plan.nodeSubnetCidr, plan.reservedCidr)).toBe(false);
                // The side subnets come from the reserved half and do not overlap each other.
                for (const side of [plan.apiServerSubnetCidr, plan.privateEndpointSubnetCidr])
                    expect(cidrContains(plan.reservedCidr, side)).toBe(true);
                expect(cidrsOverlap(plan.apiServerSubnetCidr, plan.privateEndpointSubnetCidr)).toBe(false);
                expect(cidrContains(plan.serviceCidr, `${plan.dnsServiceIP}/32`)).toBe(true);
            }),
        );
    });
});

describe("maintenance, upgrade and autoscaler plan", () => {
    const window = { start: "22:00", durationHours: 12, utcOffset: "+00:00" };

    test("one weekday: both AKS schedules weekly on it, exclusions as not-allowed UTC dates", () => {
        const plans = planMaintenance({
            window: { ...window, days: ["Sat"] },
            exclusions: [{ name: "year-end", start: "2026-12-20T00:00:00Z", end: "2027-01-04T00:00:00+01:00" }],
        });
        expect(plans.map((p) => p.configName)).toEqual(["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]);
        for (const plan of nonEmpty(plans)) {
            expect(plan.maintenanceWindow).toEqual({
                durationHours: 12,
                startTime: "22:00",
                utcOffset: "+00:00",
                schedule: { weekly: { dayOfWeek: "Saturday", intervalWeeks: 1 } },
                notAllowedDates: [{ start: "2026-12-20", end: "2027-01-03" }],
            });
        }
    });

    test("every day: node OS upgrades daily, cluster auto-upgrades weekly on Monday (AKS allows no daily auto-upgrade schedule)", () => {
        const [auto, nodeOs] = planMaintenance({
            window: { ...window, days: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] },
            exclusions: [],
        });
        expect(auto.maintenanceWindow.schedule).toEqual({ weekly: { dayOfWeek: "Monday", intervalWeeks: 1 } });
        expect(nodeOs.maintenanceWindow.schedule).toEqual({ daily: { intervalDays: 1 } });
        expect(auto.maintenanceWindow.notAllowedDates).toBeUndefined();
    });

    test("surge settings as AKS strings; prod's default never takes a node away first", () => {
        expect(poolUpgradeSettings({ maxSurge: "33%", maxUnavailable: 0 })).toEqual({ maxSurge: "33%", maxUnavailable: "0" });
        expect(poolUpgradeSettings({ maxSurge: "1", maxUnavailable: 1 })).toEqual({ maxSurge: "1", maxUnavailable: "1" });
    });

    test("autoscaler profiles: optimize-utilization scales down sooner and packs tighter than balanced", () => {
        const balanced = autoScalerProfile("balanced");
        const tight = autoScalerProfile("optimize-utilization");
        expect(balanced).toMatchObject({ expander: "least-waste", scaleDownUnneededTime: "10m", scaleDownUtilizationThreshold: "0.5" });
        expect(tight).toMatchObject({ expander: "least-waste", scaleDownUnneededTime: "5m", scaleDownUtilizationThreshold: "0.7" });
        for (const p of [balanced, tight]) expect(p).toMatchObject({ skipNodesWithLocalStorage: "true", skipNodesWithSystemPods: "true" });
    });
});

describe("OS disk type", () => {
    test("ephemeral where the size's local disk holds the OS disk; managed for a larger disk or an unknown size", () => {
        expect(osDiskTypeFor("Standard_D4ds_v5", 50)).toBe("Ephemeral");
        expect(osDiskTypeFor("Standard_D4ds_v5", 150)).toBe("Ephemeral");
        expect(osDiskTypeFor("Standard_D4ds_v5", 151)).toBe("Managed");
        expect(osDiskTypeFor("Standard_D2ds_v5", 100)).toBe("Managed");
        // No local disk (no "d" in the size) or a size outside the table: never guess.
        expect(osDiskTypeFor("Standard_D4s_v5", 50)).toBe("Managed");
        expect(osDiskTypeFor("Standard_NC6s_v3", 50)).toBe("Managed");
    });

    test("the default pools (Standard_D4ds_v5, 50 GiB) get ephemeral OS disks", () => {
        for (const pool of nonEmpty(planPools(azureConfig()))) expect(pool.osDiskType).toBe("Ephemeral");
    });
});

describe("KMS plan", () => {
    test("prod: Private vault, Premium SKU, HSM-backed key, no exception", () => {
        expect(planKms({ environment: "prod" })).toEqual({
            networkAccess: "Private",
            vaultSku: "premium",
            keyType: "RSA-HSM",
            exceptionTags: {},
        });
    });

    test("dev and staging: Public vault carrying a valid HC-SEC-03 exception that expires within a year of today", () => {
        for (const environment of ["dev", "staging"] as const) {
            const plan = planKms({ environment });
            expect(plan).toMatchObject({ networkAccess: "Public", vaultSku: "standard", keyType: "RSA" });
            const value = plan.exceptionTags["hardened-cluster-exception-HC-SEC-03"];
            expect(value).toBe(formatCarriedException(PUBLIC_KMS_VAULT_EXCEPTION));
        }
        const check = parseCarried("HC-SEC-03", formatCarriedException(PUBLIC_KMS_VAULT_EXCEPTION), "tag", new Date());
        expect(check.status).toBe("valid");
    });
});

describe("pool plan", () => {
    test("system pool first with the CriticalAddonsOnly taint, user pools labelled, isolated pool tainted", () => {
        const [system, general, isolated] = planPools(azureConfig());
        expect(system).toMatchObject({
            key: "system",
            name: "system",
            mode: "System",
            taints: ["CriticalAddonsOnly=true:NoSchedule"],
            zones: ["1", "2", "3"],
        });
        expect(system.labels).toEqual({ [POOL_LABEL]: "system" });
        expect(general).toMatchObject({ name: "general", mode: "User", taints: [], labels: { [POOL_LABEL]: "general" } });
        expect(isolated).toMatchObject({
            name: "isolated",
            mode: "User",
            taints: [`${ISOLATED_TAINT.key}=${ISOLATED_TAINT.value}:${ISOLATED_TAINT.effect}`],
            labels: { [POOL_LABEL]: "isolated" },
        });
    });

    test("sizes come from config: prod minimums and the initial count at the minimum", () => {
        const [system, general] = planPools(
            azureConfig({ nodePools: { general: { minSize: 4, maxSize: 12, machineType: "Standard_D8ds_v5" } } }),
        );
        expect(system).toMatchObject({ minCount: 3, maxCount: 6, count: 3, vmSize: "Standard_D4ds_v5", osDiskSizeGB: 50 });
        expect(general).toMatchObject({ minCount: 4, maxCount: 12, count: 4, vmSize: "Standard_D8ds_v5" });
    });

    test("AKS pool names are valid: lowercase alphanumerics, at most 12 characters", () => {
        for (const pool of nonEmpty(planPools(azureConfig()))) expect(pool.name).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    });

    test("zones: none for one zone (regional placement), 1..n otherwise", () => {
        expect(planZones(1)).toEqual([]);
        expect(planZones(2)).toEqual(["1", "2"]);
        expect(planZones(3)).toEqual(["1", "2", "3"]);
    });
});

describe("role plan", () => {
    const grants = planRoleGrants(azureConfig());
    const find = (role: string, scope: string, principal: string) =>
        grants.filter(
            (g) => g.role === role && (g.scope.kind === "cluster" ? "cluster" : g.scope.namespace) === scope && g.principalId === principal,
        );

    test("admins are RBAC Cluster Admin and viewers RBAC Reader, at cluster scope", () => {
        expect(find("aksRbacClusterAdmin", "cluster", A)).toHaveLength(1);
        expect(find("aksRbacReader", "cluster", V)).toHaveLength(1);
    });

    test("developers are RBAC Writer in every tenant namespace and nothing cluster-wide", () => {
        expect(find("aksRbacWriter", "payments", D)).toHaveLength(1);
        expect(find("aksRbacWriter", "search", D)).toHaveLength(1);
        expect(grants.filter((g) => g.principalId === D && g.scope.kind === "cluster").map((g) => g.role)).toEqual(["aksClusterUser"]);
    });

    test("tenant editors write and tenant viewers read only their own namespace", () => {
        expect(find("aksRbacWriter", "payments", E)).toHaveLength(1);
        expect(find("aksRbacReader", "payments", TV)).toHaveLength(1);
        expect(grants.filter((g) => g.principalId === E && g.role !== "aksClusterUser").map((g) => g.scope)).toEqual([
            { kind: "namespace", namespace: "payments" },
        ]);
    });

    test("every principal may download the kubeconfig, once", () => {
        const users = grants.filter((g) => g.role === "aksClusterUser").map((g) => g.principalId);
        expect(users.sort()).toEqual([A, D, V, E, TV].sort());
    });

    test("keys are unique and stable, so a grant's resource never changes name", () => {
        expect(new Set(grants.map((g) => g.key)).size).toBe(grants.length);
        expect(planRoleGrants(azureConfig()).map((g) => g.key)).toEqual(grants.map((g) => g.key));
        expect(grants.map((g) => g.key)).toContain(`aksRbacWriter-ns-payments-${E}`);
    });

    test("a principal listed twice gets one grant", () => {
        const twice = planRoleGrants(azureConfig({ access: { admins: [A, A.toUpperCase()], deployer: `Group:${A}` } }));
        expect(twice.filter((g) => g.role === "aksRbacClusterAdmin")).toHaveLength(1);
    });

    test("built-in role ids are subscription-scoped role definitions", () => {
        expect(roleDefinitionId("sub", "aksRbacWriter")).toBe(
            "/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
        );
        expect(BUILT_IN_ROLES.keyVaultCryptoUser.name).toBe("Key Vault Crypto User");
    });
});

describe("deployer principal type", () => {
    test("the Azure CLI's client id means a person, anything else a service principal or managed identity", () => {
        expect(deployerPrincipalType(AZURE_CLI_APP_ID)).toBe("User");
        expect(deployerPrincipalType("00000000-0000-0000-0000-000000000004")).toBe("ServicePrincipal");
    });
});

describe("names", () => {
    test("stable GUIDs are deterministic, well-formed and differ per key", () => {
        const guid = stableGuid("ns", "a");
        expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(stableGuid("ns", "a")).toBe(guid);
        expect(stableGuid("ns", "b")).not.toBe(guid);
        expect(stableGuid("other", "a")).not.toBe(guid);
    });

    test("key vault names fit Key Vault's rules and differ per subscription", () => {
        const name = keyVaultName("a-very-long-cluster-name-for-testing", "sub-1", "p1");
        expect(name).toMatch(/^[a-z][a-z0-9-]{1,22}[a-z0-9]$/);
        expect(name).not.toContain("--");
        expect(keyVaultName("platform-prod", "sub-2", "p1")).not.toBe(keyVaultName("platform-prod", "sub-1", "p1"));
    });

    test("a destroy-and-recreate (a new identity, so a new seed) gets a new vault name; the same deployment keeps its name", () => {
        // Review finding 12: a purge-protected vault's name stays taken for 90 days after a destroy.
        expect(keyVaultName("platform-dev", "sub-1", "principal-a")).toBe(keyVaultName("platform-dev", "sub-1", "principal-a"));
        expect(keyVaultName("platform-dev", "sub-1", "principal-b")).not.toBe(keyVaultName("platform-dev", "sub-1", "principal-a"));
    });
});

describe("kubeconfig", () => {
    const aksUser = [
        "apiVersion: v1",
        "clusters:",
        "- name: c",
        "  cluster:",
        "    server: https://c.privatelink.westeurope.azmk8s.io:443",
        "    certificate-authority-data: Q0E=",
        "users:",
        "- name: u",
        "  user: { exec: { command: kubelogin, args: [get-token, --login, devicecode] } }",
    ].join("\n");

    test("keeps server and CA, replaces the user with kubelogin --login azurecli and no credential", () => {
        const text = kubeconfigFromUserCredentials("platform-prod", Buffer.from(aksUser).toString("base64"));
        const doc = parse(text) as {
            clusters: { cluster: Record<string, string> }[];
            users: { user: { exec: { command: string; args: string[] }; token?: string } }[];
        };
        expect(doc.clusters[0].cluster).toEqual({
            server: "https://c.privatelink.westeurope.azmk8s.io:443",
            "certificate-authority-data": "Q0E=",
        });
        expect(doc.users[0].user.exec.command).toBe("kubelogin");
        expect(doc.users[0].user.exec.args).toEqual([
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            "6dae42f8-4368-4678-94ff-3960e28e3630",
        ]);
        expect(text).not.toMatch(/token:|client-key|password/);
    });

    test("refuses credentials without a server", () => {
        expect(() => clusterEndpoint("clusters: []")).toThrow("no cluster server and CA");
    });

    test("uses the exec plugin API and selects its own context", () => {
        const doc = parse(execKubeconfig("x", { server: "https://s", caData: "Q0E=" })) as {
            "current-context": string;
            users: { user: { exec: { apiVersion: string; args: string[] } } }[];
        };
        expect(doc["current-context"]).toBe("x");
        expect(doc.users[0].user.exec.apiVersion).toBe("client.authentication.k8s.io/v1beta1");
        expect(doc.users[0].user.exec.args).toEqual([...KUBELOGIN_ARGS]);
    });
});

describe("storage class", () => {
    test("Azure Disk CSI, zone-redundant when pools span zones, Premium in prod", () => {
        expect(planStorageClass(azureConfig())).toEqual({
            provisioner: "disk.csi.azure.com",
            parameters: { skuName: "Premium_ZRS", cachingMode: "ReadOnly" },
        });
        expect(
            planStorageClass(azureConfig({ environment: "dev", clusterName: "platform-dev", network: { zones: 1 } })).parameters["skuName"],
        ).toBe("StandardSSD_LRS");
    });
});
