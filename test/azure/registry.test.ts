import { derivedRegistryName, registryName } from "../../config/clouds/aks-registry";
import { rawConfigFrom } from "../../config/load";
import { AzureConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { ConfigError } from "../../config/errors";
import { acrImageMirror, planAcr } from "../../components/azure/registry-plan";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { readStackConfig } from "../../tools/mock/stack-files";
import * as pulumi from "@pulumi/pulumi";
import { at, CapturedResource, inputsOf, ofType, runStack, RunResult, single, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const T = {
    registry: "azure-native:containerregistry:Registry",
    cacheRule: "azure-native:containerregistry:CacheRule",
    credentialSet: "azure-native:containerregistry:CredentialSet",
    key: "azure-native:keyvault:Key",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    federation: "azure-native:managedidentity:FederatedIdentityCredential",
    role: "azure-native:authorization:RoleAssignment",
    endpoint: "azure-native:network:PrivateEndpoint",
    zone: "azure-native:privatedns:PrivateZone",
    link: "azure-native:privatedns:VirtualNetworkLink",
    pricing: "azure-native:security:Pricing",
    cluster: "azure-native:containerservice:ManagedCluster",
} as const;
const SUB = MOCK_IDENTITY.azureSubscriptionId;
const roleId = (role: keyof typeof BUILT_IN_ROLES) =>
    `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role].guid}`;
const DOCKER = {
    usernameSecretUri: "https://kv-org-mirror.vault.azure.net/secrets/dockerhub-user",
    passwordSecretUri: "https://kv-org-mirror.vault.azure.net/secrets/dockerhub-token",
};

function named(resources: readonly CapturedResource[], type: string, name: string): CapturedResource {
    const found = ofType(resources, type).find((r) => r.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found;
}

const configOf = (stack: string, extra: Record<string, unknown> = {}) =>
    validateStackConfig({ ...rawConfigFrom(readStackConfig(stack)), ...extra }) as AzureConfig;

describe("registry name and trustedRegistries default (config)", () => {
    test("aks.registry.name wins; otherwise derived from the subscription and cluster, 5-50 lowercase alphanumerics", () => {
        const named = configOf("azure-prod");
        expect(registryName(named)).toBe("acmeplatform");
        const derived = derivedRegistryName("platform-prod", "00000000-0000-0000-0000-000000000001");
        expect(derived).toMatch(/^acrplatformprod[0-9a-f]{8}$/);
        expect(derivedRegistryName("platform-prod", "00000000-0000-0000-0000-000000000002")).not.toBe(derived);
        expect(derivedRegistryName("a-very-long-cluster-name-for-tests", "x")).toMatch(/^[a-z0-9]{5,50}$/);
    });

    test("unset trustedRegistries default to <name>.azurecr.io/", () => {
        const raw = rawConfigFrom(readStackConfig("azure-prod"));
        delete (raw as Record<string, unknown>)["trustedRegistries"];
        expect((validateStackConfig(raw) as AzureConfig).trustedRegistries).toEqual(["acmeplatform.azurecr.io/"]);
    });

    test("an enabled registry with neither aks.registry.name nor azure-native:subscriptionId is refused, naming the key", () => {
        const raw = rawConfigFrom(readStackConfig("azure-dev")) as Record<string, unknown>;
        const aks = { ...(raw["aks"] as Record<string, unknown>) };
        delete aks["registry"];
        expect(() => validateStackConfig({ ...raw, aks })).toThrow(ConfigError);
        expect(() => validateStackConfig({ ...raw, aks })).toThrow(/aks\.registry\.name.*azure-native:subscriptionId/s);
        // Without a registry no name is needed.
        expect(() => validateStackConfig({ ...raw, aks, registry: { enabled: false } })).not.toThrow();
    });

    test("a malformed name or credential URI is refused with the allowed form", () => {
        const raw = rawConfigFrom(readStackConfig("azure-dev")) as Record<string, unknown>;
        expect(() => validateStackConfig({ ...raw, aks: { registry: { name: "Acme-Platform" } } })).toThrow(
            /5-50 lowercase letters and digits/,
        );
        expect(() =>
            validateStackConfig({
                ...raw,
                aks: {
                    registry: {
                        name: "acmeplatformdev",
                        upstreamCredentials: { "docker.io": { usernameSecretUri: "x", passwordSecretUri: "y" } },
                    },
                },
            }),
        ).toThrow(/Key Vault secret URI/);
    });
});

describe("registry plan", () => {
    test("prod: zone redundant, 30-day untagged retention, protected; dev: no zones, 7 days, not protected", () => {
        const prod = planAcr(configOf("azure-prod"))!;
        expect(prod).toMatchObject({ name: "acmeplatform", loginServer: "acmeplatform.azurecr.io", zoneRedundancy: "Enabled" });
        expect(prod).toMatchObject({ untaggedRetentionDays: 30, protect: true, manageDefender: true });
        const dev = planAcr(configOf("azure-dev"))!;
        expect(dev).toMatchObject({ zoneRedundancy: "Disabled", untaggedRetentionDays: 7, protect: false, cacheRules: [] });
        expect(planAcr(configOf("azure-dev", { registry: { enabled: false } }))).toBeUndefined();
    });

    test("mirror: anonymous upstreams get cache rules; docker.io only with credentials; the mirror map follows the rules", () => {
        const prod = planAcr(configOf("azure-prod"))!;
        expect(nonEmpty(prod.cacheRules).map((r) => r.upstream)).toEqual(["ghcr.io", "quay.io", "registry.k8s.io", "mcr.microsoft.com"]);
        expect(prod.unmirrored.map((u) => u.upstream)).toEqual(["docker.io", "cr.fluentbit.io"]);
        expect(acrImageMirror(prod)).toEqual({
            "ghcr.io": "acmeplatform.azurecr.io/ghcr",
            "quay.io": "acmeplatform.azurecr.io/quay",
            "registry.k8s.io": "acmeplatform.azurecr.io/k8s",
            "mcr.microsoft.com": "acmeplatform.azurecr.io/mcr",
        });
        const withDocker = planAcr(
            configOf("azure-prod", { aks: { registry: { name: "acmeplatform", upstreamCredentials: { "docker.io": DOCKER } } } }),
        )!;
        expect(withDocker.cacheRules[0]).toEqual({
            upstream: "docker.io",
            ruleName: "mirror-docker",
            sourceRepository: "docker.io/*",
            targetRepository: "docker/*",
            prefix: "docker",
            credentials: DOCKER,
        });
        expect(acrImageMirror(withDocker)["docker.io"]).toBe("acmeplatform.azurecr.io/docker");
    });
});

describe("registry resources", () => {
    let prod: RunResult<Record<string, unknown>>;
    let dev: RunResult<Record<string, unknown>>;
    beforeAll(async () => {
        prod = await runStack("azure-prod");
        dev = await runStack("azure-dev");
    });

    test("Premium, no admin user, no anonymous pull, no public access, CMK, retention, content trust off; protected in prod", () => {
        const registry = single(prod.resources, T.registry);
        expect(inputsOf(registry)).toMatchObject({
            registryName: "acmeplatform",
            sku: { name: "Premium" },
            adminUserEnabled: false,
            anonymousPullEnabled: false,
            publicNetworkAccess: "Disabled",
            networkRuleBypassOptions: "AzureServices",
            dataEndpointEnabled: true,
            zoneRedundancy: "Enabled",
            policies: {
                retentionPolicy: { status: "enabled", days: 30 },
                trustPolicy: { status: "disabled" },
                exportPolicy: { status: "disabled" },
            },
        });
        expect(at(inputsOf(registry), "encryption.status")).toBe("enabled");
        expect(registry.propertyDependencies["encryption"]).toEqual(
            expect.arrayContaining([
                named(prod.resources, T.key, "platform-prod-acr-key").urn,
                named(prod.resources, T.identity, "platform-prod-acr-cmk").urn,
            ]),
        );
        expect(registry.protect).toBe(true);
        expect(named(prod.resources, T.key, "platform-prod-acr-key").protect).toBe(true);
        expect(single(dev.resources, T.registry).protect).toBe(false);
    });

    test("the CMK identity holds Crypto Service Encryption User on the registry key only, before the registry exists", () => {
        const grant = named(prod.resources, T.role, "platform-prod-acr-cmk-key");
        expect(inputsOf(grant)["roleDefinitionId"]).toBe(roleId("keyVaultCryptoServiceEncryptionUser"));
        expect(grant.propertyDependencies["scope"]).toEqual([named(prod.resources, T.key, "platform-prod-acr-key").urn]);
        expect(single(prod.resources, T.registry).dependencies).toContain(grant.urn);
    });

    test("a private endpoint in the cluster VNet, privatelink.azurecr.io linked to the VNet and to the runner VNet", () => {
        const endpoint = named(prod.resources, T.endpoint, "platform-prod-acr-endpoint");
        expect(at(inputsOf(endpoint), "privateLinkServiceConnections[0].groupIds")).toEqual(["registry"]);
        expect(inputsOf(named(prod.resources, T.zone, "platform-prod-acr-zone"))["privateZoneName"]).toBe("privatelink.azurecr.io");
        const links = ofType(prod.resources, T.link).filter((l) => l.name.startsWith("platform-prod-acr-zone"));
        expect(links.map((l) => inputsOf(l)["virtualNetworkLinkName"]).sort()).toEqual(["platform-prod-vnet", "runner-vnet-ci-runners"]);
    });

    test("AcrPull on the registry for the kubelet and for the webhook's own federated identity; handed over", async () => {
        const registry = single(prod.resources, T.registry);
        for (const who of ["kubelet", "policy-controller"]) {
            const grant = named(prod.resources, T.role, `platform-prod-acr-pull-${who}`);
            expect(inputsOf(grant)["roleDefinitionId"]).toBe(roleId("acrPull"));
            expect(grant.propertyDependencies["scope"]).toEqual([registry.urn]);
        }
        expect(named(prod.resources, T.role, "platform-prod-acr-pull-kubelet").propertyDependencies["principalId"]).toEqual([
            single(prod.resources, T.cluster).urn,
        ]);
        const federation = single(
            prod.resources.filter((r) => r.name === "platform-prod-policy-controller-federation"),
            T.federation,
        );
        expect(inputsOf(federation)).toMatchObject({
            subject: "system:serviceaccount:cosign-system:policy-controller-webhook",
            audiences: ["api://AzureADTokenExchange"],
        });
        expect(federation.propertyDependencies["issuer"]).toEqual([single(prod.resources, T.cluster).urn]);
        const handover = await valueOf(
            pulumi.output(prod.outputs["baselineHandover"]) as pulumi.Output<{
                platformIdentities: Record<string, unknown>;
                imageMirror?: Record<string, string>;
            }>,
        );
        expect(handover.platformIdentities["cosign-system/policy-controller-webhook"]).toMatchObject({
            annotations: { "azure.workload.identity/client-id": expect.any(String) },
            podLabels: { "azure.workload.identity/use": "true" },
            env: { ACR_NAME: "acmeplatform" },
        });
        expect(handover.imageMirror).toMatchObject({ "ghcr.io": "acmeplatform.azurecr.io/ghcr" });
    });

    test("prod mirrors through wildcard cache rules (no docker.io without credentials); dev has none", () => {
        const rules = nonEmpty(ofType(prod.resources, T.cacheRule)).map((r) => inputsOf(r));
        expect(rules.map((r) => `${String(r["sourceRepository"])}->${String(r["targetRepository"])}`)).toEqual([
            "ghcr.io/*->ghcr/*",
            "quay.io/*->quay/*",
            "registry.k8s.io/*->k8s/*",
            "mcr.microsoft.com/*->mcr/*",
        ]);
        expect(ofType(prod.resources, T.credentialSet)).toEqual([]);
        expect(ofType(dev.resources, T.cacheRule)).toEqual([]);
    });

    test("docker.io credentials become a credential set the docker.io rule uses", async () => {
        const r = await runStack("azure-prod", {
            "hardened-cluster:aks": { registry: { name: "acmeplatform", upstreamCredentials: { "docker.io": DOCKER } } },
        });
        const set = single(r.resources, T.credentialSet);
        expect(inputsOf(set)).toMatchObject({
            loginServer: "docker.io",
            identity: { type: "SystemAssigned" },
            authCredentials: [
                {
                    name: "Credential1",
                    usernameSecretIdentifier: DOCKER.usernameSecretUri,
                    passwordSecretIdentifier: DOCKER.passwordSecretUri,
                },
            ],
        });
        const rule = named(r.resources, T.cacheRule, "platform-prod-acr-mirror-docker");
        expect(rule.propertyDependencies["credentialSetResourceId"]).toEqual([set.urn]);
    });

    test("Defender for Containers: Standard with registry scanning when managed, kept on destroy; nothing when assume-enabled", async () => {
        const pricing = single(prod.resources, T.pricing);
        expect(inputsOf(pricing)).toMatchObject({ pricingName: "Containers", pricingTier: "Standard", scopeId: `/subscriptions/${SUB}` });
        expect(inputsOf(pricing)["extensions"]).toContainEqual({ name: "ContainerRegistriesVulnerabilityAssessments", isEnabled: "True" });
        expect(pricing.retainOnDelete).toBe(true);
        const assumed = await runStack("azure-dev", {
            "hardened-cluster:aks": { registry: { name: "acmeplatformdev" }, defenderForContainers: "assume-enabled" },
        });
        expect(ofType(assumed.resources, T.pricing)).toEqual([]);
        expect(ofType(assumed.resources, T.registry)).toHaveLength(1);
    });
});
