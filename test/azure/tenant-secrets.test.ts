import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { parse as parseYaml } from "yaml";
import { planTenantSecrets, secretObjects, tenantVaultName } from "../../components/azure/tenant-secrets-plan";
import { keyVaultName } from "../../components/azure/names";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { diffRuns } from "../harness/day2";
import { at, CapturedResource, inputsOf, runStack, single } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { passes, violations } from "../harness/policies";
import { added, edited, messages, outcomes, RESOURCE_GROUP, roleId, SUBSCRIPTION } from "./fixture";

const T = {
    cluster: "azure-native:containerservice:ManagedCluster",
    vault: "azure-native:keyvault:Vault",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    federation: "azure-native:managedidentity:FederatedIdentityCredential",
    role: "azure-native:authorization:RoleAssignment",
    endpoint: "azure-native:network:PrivateEndpoint",
    dnsGroup: "azure-native:network:PrivateDnsZoneGroup",
    zone: "azure-native:privatedns:PrivateZone",
};
const SECRETS_USER = BUILT_IN_ROLES.keyVaultSecretsUser.guid;
const SECRETS_OFFICER = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
const KEY_VAULT_READER = "21090545-7ca7-4776-b22c-e363652d74d2";
const KEY = (name: string) => `hardened-cluster:${name}`;

/** The tenant's cloud resources (its namespace's Kubernetes objects are the baseline's). */
const tenantOf = (resources: readonly CapturedResource[], tenant: string) =>
    resources.filter((r) => r.type.startsWith("azure-native:") && r.name.includes(`-tenant-${tenant}-`));

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("azure-prod")).resources;
    dev = (await runStack("azure-dev")).resources;
});

describe("tenant secrets plan", () => {
    const tenant = (name: string, secrets: string[]) => ({
        name,
        secrets,
        editors: [],
        viewers: [],
        quota: { cpu: "1", memory: "1Gi", pods: 1 },
        allowLoadBalancer: false,
        allowNodePort: false,
        allowSameNamespaceTraffic: true,
    });

    test("only tenants with secrets, only when the secret store is on; subject is the tenant's tenant-secrets account", () => {
        const tenants = [tenant("payments", ["db-password"]), tenant("search", [])];
        expect(planTenantSecrets({ secretStore: { enabled: true }, tenants }).map((p) => [p.tenant, p.subject])).toEqual([
            ["payments", "system:serviceaccount:payments:tenant-secrets"],
        ]);
        expect(planTenantSecrets({ secretStore: { enabled: false }, tenants })).toEqual([]);
    });

    test("objects are the provider's YAML array of secret objects", () => {
        const doc = parseYaml(secretObjects(["db-password", "api-key"])) as { array: string[] };
        expect(doc.array.map((o) => parseYaml(o) as unknown)).toEqual([
            { objectName: "db-password", objectType: "secret", objectVersion: "" },
            { objectName: "api-key", objectType: "secret", objectVersion: "" },
        ]);
    });

    test("vault names: at most 24 characters, no double hyphen, distinct per tenant and from the KMS vault, new after a destroy", () => {
        const name = tenantVaultName("platform-prod", "a--very-long-tenant-name", "sub", "seed");
        expect(name.length).toBeLessThanOrEqual(24);
        expect(name).toMatch(/^kv-[a-z0-9-]+-[0-9a-f]{6}$/);
        expect(name).not.toMatch(/--/);
        const names = [
            tenantVaultName("platform-prod", "payments", "sub", "seed"),
            tenantVaultName("platform-prod", "search", "sub", "seed"),
            tenantVaultName("platform-prod", "payments", "sub", "seed-2"),
            keyVaultName("platform-prod", "sub", "seed"),
        ];
        expect(new Set(names).size).toBe(4);
    });
});

describe("AKS cluster: Key Vault secrets provider add-on", () => {
    test("enabled with rotation on both shipped stacks", () => {
        for (const rs of [prod, dev]) {
            expect(at(inputsOf(single(rs, T.cluster)), "addonProfiles.azureKeyvaultSecretsProvider")).toEqual({
                enabled: true,
                config: { enableSecretRotation: "true", rotationPollInterval: "2m" },
            });
        }
    });

    test("off with the secret store: no add-on, no tenant vault or identity", async () => {
        const off = (await runStack("azure-dev", { [KEY("secretStore")]: { enabled: false } })).resources;
        expect(at(inputsOf(single(off, T.cluster)), "addonProfiles.azureKeyvaultSecretsProvider")).toBeUndefined();
        expect(off.filter((r) => r.type.startsWith("azure-native:") && /-tenant-/.test(r.name))).toEqual([]);
        expect(off.filter((r) => r.type.includes("SecretProviderClass"))).toEqual([]);
    });
});

describe("per-tenant vault, identity and grant (azure-prod: payments lists secrets, search lists none)", () => {
    test("payments gets a vault, an identity, one federated credential and one grant; search gets nothing", () => {
        const types = tenantOf(prod, "payments")
            .map((r) => r.type)
            .sort();
        expect(types).toEqual([T.role, T.vault, T.identity, T.federation, T.dnsGroup, T.endpoint].sort());
        expect(tenantOf(prod, "search")).toEqual([]);
    });

    test("the vault: RBAC only, purge protection, soft delete, private in prod, protected and kept when the tenant goes", () => {
        const vault = single(tenantOf(prod, "payments"), T.vault);
        expect(at(inputsOf(vault), "properties")).toMatchObject({
            enableRbacAuthorization: true,
            enablePurgeProtection: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            publicNetworkAccess: "Disabled",
        });
        expect(at(inputsOf(vault), "tags.hardened-cluster-tenant")).toBe("payments");
        expect([vault.protect, vault.retainOnDelete]).toEqual([true, true]);
        const endpoint = single(tenantOf(prod, "payments"), T.endpoint);
        expect(endpoint.propertyDependencies["privateLinkServiceConnections"]).toEqual([vault.urn]);
        // The endpoint registers in the KMS vault's zone, already linked to the cluster VNet: no zone of its own.
        const zone = single(
            prod.filter((r) => r.name === "platform-prod-kv-zone"),
            T.zone,
        );
        expect(tenantOf(prod, "payments").filter((r) => r.type === T.zone)).toEqual([]);
        expect(single(tenantOf(prod, "payments"), T.dnsGroup).propertyDependencies["privateDnsZoneConfigs"]).toEqual([zone.urn]);
    });

    test("dev: a public vault under the KMS vault's reviewed, expiring exception, not protected but kept on delete", () => {
        const vault = single(tenantOf(dev, "payments"), T.vault);
        expect(at(inputsOf(vault), "properties.publicNetworkAccess")).toBe("Enabled");
        expect(at(inputsOf(vault), "tags.hardened-cluster-exception-HC-SEC-03")).toMatch(/expires=2027-06-30/);
        expect([vault.protect, vault.retainOnDelete]).toEqual([false, true]);
        expect(tenantOf(dev, "payments").filter((r) => r.type === T.endpoint)).toEqual([]);
    });

    test("the identity is federated with the cluster's issuer for payments:tenant-secrets only", () => {
        const rs = tenantOf(prod, "payments");
        const credential = single(rs, T.federation);
        expect(inputsOf(credential)).toMatchObject({
            subject: "system:serviceaccount:payments:tenant-secrets",
            audiences: ["api://AzureADTokenExchange"],
        });
        expect(credential.propertyDependencies["issuer"]).toEqual([single(prod, T.cluster).urn]);
        expect(credential.propertyDependencies["resourceName"]).toEqual([single(rs, T.identity).urn]);
    });

    test("Key Vault Secrets User on the tenant's vault only, to the tenant's identity", () => {
        const rs = tenantOf(prod, "payments");
        const grant = single(rs, T.role);
        expect(String(at(inputsOf(grant), "roleDefinitionId"))).toMatch(new RegExp(`/${SECRETS_USER}$`));
        expect(grant.propertyDependencies["scope"]).toEqual([single(rs, T.vault).urn]);
        expect(grant.propertyDependencies["principalId"]).toEqual([single(rs, T.identity).urn]);
    });

    test("no secrets role to anyone else: the kubelet and add-on identities hold none", () => {
        const secretGrants = prod.filter((r) => r.type === T.role && String(at(inputsOf(r), "roleDefinitionId")).endsWith(SECRETS_USER));
        expect(nonEmpty(secretGrants).map((g) => g.name)).toEqual(["platform-prod-tenant-payments-secrets-user"]);
    });

    test("the hand-over gives the baseline the tenant's service account, identity and SecretProviderClass", () => {
        const classes = prod.filter((r) => r.type === "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass");
        expect(nonEmpty(classes).map((c) => at(inputsOf(c), "metadata.namespace"))).toEqual(["payments"]);
        const spec = at(inputsOf(classes[0]), "spec") as { provider: string; parameters: Record<string, string> };
        expect(spec).toEqual({
            provider: "azure",
            parameters: {
                usePodIdentity: "false",
                clientID: expect.any(String),
                keyvaultName: expect.stringMatching(/^kv-payments-[0-9a-f]{6}$/),
                tenantId: expect.any(String),
                objects: secretObjects(["db-password", "psp-api-key"]),
            },
        });
        const account = prod.find(
            (r) => r.type === "kubernetes:core/v1:ServiceAccount" && at(inputsOf(r), "metadata.namespace") === "payments",
        );
        expect(at(inputsOf(account!), "metadata.name")).toBe("tenant-secrets");
        expect(at(inputsOf(account!), "metadata.annotations")).toMatchObject({
            "azure.workload.identity/client-id": spec.parameters["clientID"],
        });
    });

    test("a new secret, or a new tenant with secrets, replaces or deletes no vault; the secret list touches no vault at all", async () => {
        const changed = (
            await runStack("azure-prod", {
                [KEY("tenants")]: [
                    {
                        name: "payments",
                        editors: ["44444444-4444-4444-4444-444444444444"],
                        quota: { cpu: "32", memory: "64Gi", pods: 200 },
                        secrets: ["db-password", "psp-api-key", "new-one"],
                    },
                    {
                        name: "search",
                        editors: ["55555555-5555-5555-5555-555555555555"],
                        quota: { cpu: "16", memory: "32Gi", pods: 100 },
                        secrets: ["index-key"],
                    },
                ],
            })
        ).resources;
        const changes = diffRuns(prod, changed).filter((c) => c.type === T.vault || c.type === "azure-native:keyvault:Key");
        expect(changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["create platform-prod-tenant-search-kv"]);
    });
});

describe("azure-aks-stack-require-private-kms-vault judges tenant vaults too (HC-SEC-03)", () => {
    const name = "azure-aks-stack-require-private-kms-vault";
    const tenantVault = (r: CapturedResource) => r.type === T.vault && r.name === "platform-prod-tenant-payments-kv";

    test("fails prod's tenant vault opened to the internet; dev's is waived by the KMS vault's exception", async () => {
        const open = edited(prod, tenantVault, (p) => {
            (p["properties"] as Record<string, unknown>)["publicNetworkAccess"] = "Enabled";
        });
        expect(await messages(name, open)).toEqual([
            '[HC-SEC-03] Key Vault platform-prod-tenant-payments-kv holds tenant payments\'s secrets and its publicNetworkAccess is "Enabled", so they answer on the internet to any holder of a token for the tenant\'s identity; set properties.publicNetworkAccess "Disabled" and reach the vault through a private endpoint in the cluster VNet',
        ]);
        const waived = (await outcomes(name, dev)).filter((o) => o.status === "waived").map((o) => o.urn?.split("::").pop());
        expect(waived.sort()).toEqual(["platform-dev-kv", "platform-dev-tenant-payments-kv"]);
    });
});

describe("azure-authorization-roleassignment-restrict-secrets-scope", () => {
    const name = "azure-authorization-roleassignment-restrict-secrets-scope";

    test("passes the shipped stacks (the tenant grant is on its vault)", async () => {
        for (const rs of [prod, dev]) {
            const found = await outcomes(name, rs);
            expect(violations(found)).toEqual([]);
            expect(passes(found, name).length).toBeGreaterThan(0);
        }
    });

    test("fails Secrets User on the resource group and Secrets Officer on the subscription; Key Vault Reader is not a secrets role", async () => {
        const rs = await added(() => {
            new authorization.RoleAssignment("wide-secrets-user", {
                principalId: "22222222-2222-2222-2222-222222222222",
                principalType: "Group",
                roleDefinitionId: roleId(SECRETS_USER),
                scope: RESOURCE_GROUP,
            });
            new authorization.RoleAssignment("wide-secrets-officer", {
                principalId: "22222222-2222-2222-2222-222222222222",
                principalType: "Group",
                roleDefinitionId: roleId(SECRETS_OFFICER),
                scope: SUBSCRIPTION,
            });
            new authorization.RoleAssignment("wide-reader", {
                principalId: "22222222-2222-2222-2222-222222222222",
                principalType: "Group",
                roleDefinitionId: roleId(KEY_VAULT_READER),
                scope: SUBSCRIPTION,
            });
        });
        expect((await messages(name, rs)).sort()).toEqual([
            `[HC-IAM-06] role assignment wide-secrets-officer grants Key Vault Secrets Officer to principal 22222222-2222-2222-2222-222222222222 at subscription scope ${SUBSCRIPTION}, which reads the secrets of every vault there, other tenants' and the KMS vault's included; scope it to the one vault the principal needs`,
            `[HC-IAM-06] role assignment wide-secrets-user grants Key Vault Secrets User to principal 22222222-2222-2222-2222-222222222222 at resource group scope ${RESOURCE_GROUP}, which reads the secrets of every vault there, other tenants' and the KMS vault's included; scope it to the one vault the principal needs`,
        ]);
    });
});

describe("azure-aks-stack-restrict-tenant-secrets", () => {
    const name = "azure-aks-stack-restrict-tenant-secrets";
    const credential = (r: CapturedResource) => r.type === T.federation && r.name.includes("-tenant-");

    test("passes the shipped stacks, in preview too", async () => {
        for (const rs of [prod, dev, (await runStack("azure-prod", {}, { preview: true })).resources]) {
            const found = await outcomes(name, rs);
            expect(violations(found)).toEqual([]);
            expect(passes(found, name)).toHaveLength(1);
        }
    });

    test("fails Secrets User granted to the cluster's kubelet identity (taken from the cluster's outputs)", async () => {
        const rs = await added(() => {
            const cluster = new containerservice.ManagedCluster("teammate-aks", { resourceGroupName: "rg-platform-prod" });
            new authorization.RoleAssignment("kubelet-secrets", {
                principalId: cluster.identityProfile.apply((p) => p?.["kubeletidentity"]?.objectId ?? ""),
                principalType: "ServicePrincipal",
                roleDefinitionId: roleId(SECRETS_USER),
                scope: `${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/kv-payments-abcdef`,
            });
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-IAM-06] kubelet-secrets grants Key Vault Secrets User to an identity AKS cluster teammate-aks reports (its kubelet's or an add-on's, present on every node), so any pod on any node, of any tenant, can read those secrets through the node's metadata endpoint; grant it to the tenant's own workload identity instead",
        ]);
    });

    test("fails a grant to the kubelet identity's object id as AKS reports it", async () => {
        const rs = edited(
            prod,
            (r) => r.type === T.cluster,
            (p) => {
                p["identityProfile"] = { kubeletidentity: { objectId: "99999999-9999-9999-9999-999999999999" } };
            },
        );
        const withGrant = edited(
            rs,
            (r) => r.name === "platform-prod-tenant-payments-secrets-user",
            (p) => {
                p["principalId"] = "99999999-9999-9999-9999-999999999999";
            },
            (deps) => {
                deps["principalId"] = [];
            },
        );
        expect(await messages(name, withGrant)).toEqual([
            expect.stringContaining(
                "grants Key Vault Secrets User to AKS cluster platform-prod-aks's kubelet identity, so any pod on any node",
            ),
        ]);
    });

    test("fails a wildcard subject and another namespace than the identity's tenant", async () => {
        const wildcard = edited(prod, credential, (p) => {
            p["subject"] = "system:serviceaccount:payments:*";
        });
        expect(await messages(name, wildcard)).toEqual([
            '[HC-IAM-06] federated credential platform-prod-tenant-payments-federation trusts subject "system:serviceaccount:payments:*", not one named service account, so pods other than the tenant\'s can use its identity; set subject system:serviceaccount:<tenant namespace>:<service account> with no wildcard',
        ]);
        const other = edited(prod, credential, (p) => {
            p["subject"] = "system:serviceaccount:search:tenant-secrets";
        });
        expect(await messages(name, other)).toEqual([
            "[HC-IAM-06] federated credential platform-prod-tenant-payments-federation lets service account tenant-secrets of namespace search use tenant payments's identity platform-prod-tenant-payments-identity, so another namespace reads payments's secrets; set subject system:serviceaccount:payments:<service account>",
        ]);
    });

    test("fails a credential without a subject that trusts the cluster's issuer", async () => {
        const rs = await added(() => {
            const cluster = new containerservice.ManagedCluster("teammate-aks", { resourceGroupName: "rg-platform-prod" });
            const id = new managedidentity.UserAssignedIdentity("teammate-id", { resourceGroupName: "rg-platform-prod" });
            new managedidentity.FederatedIdentityCredential("teammate-fic", {
                resourceGroupName: "rg-platform-prod",
                resourceName: id.name,
                issuer: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
                subject: "",
                audiences: ["api://AzureADTokenExchange"],
            });
        });
        expect(await messages(name, rs)).toEqual([expect.stringContaining('federated credential teammate-fic trusts subject ""')]);
    });
});
