import * as pulumi from "@pulumi/pulumi";
import { clientMismatches, parseAzureDeployer } from "../../components/azure/connection";
import { AKS_AAD_SERVER_ID, kubeloginPlan } from "../../components/azure/kubelogin";
import { azureProviderArgs } from "../../components/azure/provider-args";
import { planRoleGrants } from "../../components/azure/role-plan";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { CapturedResource, inputsOf, ofType, runStack, single, valueOf } from "../harness";
import { cloudResources, refusedRun } from "../shared/guard";
import { readStackConfig } from "../../tools/mock/stack-files";

const { azureSubscriptionId: SUB, azureTenantId: TENANT, azureClientObjectId: CLIENT_OBJECT } = MOCK_IDENTITY;
const OTHER = "99999999-9999-9999-9999-999999999999";
const ADMIN = "11111111-1111-1111-1111-111111111111";
const CLIENT_ID = "00000000-0000-0000-0000-00000000000c";
const T = {
    provider: "pulumi:providers:azure-native",
    k8sProvider: "pulumi:providers:kubernetes",
    role: "azure-native:authorization:RoleAssignment",
} as const;

describe("azureProviderArgs (pure)", () => {
    test("carries every azure-native:* setting and the stack's region as the default location", () => {
        expect(
            azureProviderArgs({
                region: "westeurope",
                providerSettings: {
                    subscriptionId: SUB,
                    tenantId: TENANT,
                    clientId: CLIENT_ID,
                    useOidc: true,
                    oidcTokenFilePath: "/var/run/token",
                    environment: "public",
                    auxiliaryTenantIds: [OTHER],
                    location: "westeurope",
                },
            }),
        ).toEqual({
            subscriptionId: SUB,
            tenantId: TENANT,
            clientId: CLIENT_ID,
            useOidc: true,
            oidcTokenFilePath: "/var/run/token",
            environment: "public",
            auxiliaryTenantIds: [OTHER],
            location: "westeurope",
        });
    });
});

describe("kubeloginPlan (pure): the login mode names the provider's identity, never a secret", () => {
    const head = (mode: string) => ["get-token", "--login", mode, "--server-id", AKS_AAD_SERVER_ID];

    test.each([
        ["azurecli", {}, [...head("azurecli")]],
        ["azurecli", { tenantId: TENANT }, [...head("azurecli"), "--tenant-id", TENANT]],
        [
            "workloadidentity",
            { clientId: CLIENT_ID, tenantId: TENANT, oidcTokenFilePath: "/var/run/token" },
            [...head("workloadidentity"), "--client-id", CLIENT_ID, "--tenant-id", TENANT, "--federated-token-file", "/var/run/token"],
        ],
        [
            "spn",
            { clientId: CLIENT_ID, tenantId: TENANT, clientCertificatePath: "/etc/sp.pfx" },
            [
                ...head("spn"),
                "--use-azurerm-env-vars",
                "--client-id",
                CLIENT_ID,
                "--tenant-id",
                TENANT,
                "--client-certificate",
                "/etc/sp.pfx",
            ],
        ],
        ["msi", { clientId: CLIENT_ID, tenantId: TENANT }, [...head("msi"), "--client-id", CLIENT_ID]],
        ["azurecli", { environment: "china" }, [...head("azurecli"), "--environment", "AzureChinaCloud"]],
    ] as const)("%s with %j", (mode, settings, args) => {
        const plan = kubeloginPlan(mode, settings);
        expect(plan.args).toEqual(args);
        expect(plan.interactiveMode).toBe(mode === "azurecli" ? "IfAvailable" : "Never");
    });
});

describe("clientMismatches (pure)", () => {
    test("the stack's subscription and tenant against the client's, case-insensitively", () => {
        expect(
            clientMismatches({ subscriptionId: SUB.toUpperCase(), tenantId: TENANT }, { subscriptionId: SUB, tenantId: TENANT }),
        ).toEqual([]);
        expect(clientMismatches({}, { subscriptionId: SUB, tenantId: TENANT })).toEqual([]);
        expect(clientMismatches({ subscriptionId: OTHER, tenantId: OTHER }, { subscriptionId: SUB, tenantId: TENANT })).toEqual([
            `azure-native:subscriptionId is ${OTHER}, but the client works in subscription ${SUB}`,
            `azure-native:tenantId is ${OTHER}, but the client signed in to tenant ${TENANT}`,
        ]);
    });
});

describe("planRoleGrants with the deployer (pure)", () => {
    const access = { admins: [ADMIN], developers: [], viewers: [] };

    test("a service principal deployer gets one RBAC Cluster Admin grant under the key it always had", () => {
        const grants = planRoleGrants({ access, tenants: [] }, parseAzureDeployer(`ServicePrincipal:${CLIENT_OBJECT}`));
        expect(grants.filter((g) => g.isDeployer)).toEqual([
            {
                key: "deployer",
                role: "aksRbacClusterAdmin",
                scope: { kind: "cluster" },
                principalId: CLIENT_OBJECT,
                principalType: "ServicePrincipal",
                isDeployer: true,
            },
        ]);
    });

    test("an admin group deployer adds no assignment: the admin group's grant is the deployer's", () => {
        const without = planRoleGrants({ access, tenants: [] }, parseAzureDeployer(`ServicePrincipal:${CLIENT_OBJECT}`)).filter(
            (g) => !g.isDeployer,
        );
        const grants = planRoleGrants({ access, tenants: [] }, parseAzureDeployer(`Group:${ADMIN.toUpperCase()}`));
        expect(grants.map((g) => g.key)).toEqual(without.map((g) => g.key));
        expect(grants.filter((g) => g.isDeployer).map((g) => g.key)).toEqual([`aksRbacClusterAdmin-cluster-${ADMIN}`]);
        // One assignment per principal, role and scope: ARM refuses a second one.
        const triples = grants.map((g) => `${g.principalId}|${g.role}|${JSON.stringify(g.scope)}`);
        expect(new Set(triples).size).toBe(triples.length);
    });
});

describe("the explicit azure-native provider (under mocks)", () => {
    let resources: CapturedResource[];
    beforeAll(async () => {
        resources = (await runStack("azure-prod")).resources;
    });

    test("carries the stack's subscription, tenant and region", () => {
        const provider = single(resources, T.provider);
        expect(provider.name).toBe("platform-prod-azure");
        expect(inputsOf(provider)).toMatchObject({ subscriptionId: SUB, tenantId: TENANT, location: "westeurope" });
    });

    test("every Azure resource goes through it, none through an ambient default provider", () => {
        const provider = single(resources, T.provider);
        const azure = resources.filter((r) => r.type.startsWith("azure-native:"));
        expect(azure.length).toBeGreaterThan(20);
        expect(azure.filter((r) => !r.provider?.startsWith(`${provider.urn}::`)).map((r) => r.name)).toEqual([]);
    });

    test("the deployer named in the stack is RBAC Cluster Admin, with its principal type", () => {
        const deployer = ofType(resources, T.role).find((r) => r.name === "platform-prod-access-deployer");
        expect(deployer && inputsOf(deployer)).toMatchObject({ principalId: CLIENT_OBJECT, principalType: "ServicePrincipal" });
    });
});

describe("the subscription and tenant guard (under mocks)", () => {
    test.each([
        ["azure-native:tenantId", `azure-native:tenantId is ${OTHER}, but the client signed in to tenant ${TENANT}`],
        ["azure-native:subscriptionId", `azure-native:subscriptionId is ${OTHER}, but the client works in subscription ${SUB}`],
    ])("a client outside the stack's %s stops the run before any Azure resource is registered", async (key, line) => {
        // The shipped runner VNet lives in the stack's subscription; in another one its owner must peer back.
        const runnerVnet = { ...(JSON.parse(readStackConfig("azure-prod")["hardened-cluster:aks"]) as { runnerVnet: object }).runnerVnet };
        const { error, registered } = await refusedRun("azure-prod", {
            [key]: OTHER,
            "hardened-cluster:aks": { runnerVnet: { ...runnerVnet, peerFromRunner: false } },
        });
        expect(error).toBeInstanceOf(pulumi.RunError);
        expect(error.message).toContain("nothing was created");
        expect(error.message).toContain(line);
        expect(registered.some((r) => r.type === T.provider)).toBe(true);
        expect(cloudResources(registered)).toEqual([]);
    });
});

describe("the deployer and the kubeconfig (under mocks)", () => {
    test("an admin group deployer gets no assignment of its own; in one run (layer all) the baseline waits for the admin group's", async () => {
        const { resources } = await runStack("azure-prod", {
            "hardened-cluster:layer": "all",
            "hardened-cluster:access": { admins: [ADMIN], deployer: `Group:${ADMIN}` },
        });
        const admins = ofType(resources, T.role).filter(
            (r) =>
                inputsOf(r)["principalId"] === ADMIN &&
                String(inputsOf(r)["roleDefinitionId"]).endsWith(BUILT_IN_ROLES.aksRbacClusterAdmin.guid),
        );
        expect(admins).toHaveLength(1);
        expect(ofType(resources, T.role).map((r) => r.name)).not.toContain("platform-prod-access-deployer");
        expect(single(resources, T.k8sProvider).dependencies).toContain(admins[0].urn);
    });

    test("dev without access.deployer: the signed-in client is the deployer", async () => {
        const { resources } = await runStack("azure-dev");
        const deployer = ofType(resources, T.role).find((r) => r.name === "platform-dev-access-deployer");
        expect(deployer && inputsOf(deployer)).toMatchObject({ principalId: CLIENT_OBJECT, principalType: "ServicePrincipal" });
    });

    test("with azure-native:useMsi the kubeconfig signs in with kubelogin's msi mode as the same client", async () => {
        const { outputs } = await runStack("azure-prod", { "azure-native:useMsi": "true", "azure-native:clientId": CLIENT_ID });
        const doc = JSON.parse(await valueOf(outputs["kubeconfig"] as pulumi.Output<string>)) as {
            users: { user: { exec: { args: string[]; interactiveMode: string } } }[];
        };
        expect(doc.users[0].user.exec.args).toEqual([...kubeloginPlan("msi", { clientId: CLIENT_ID }).args]);
        expect(doc.users[0].user.exec.interactiveMode).toBe("Never");
    });

    test("the paired baseline stack signs in with the cluster stack's kubelogin mode: it has no provider of its own", async () => {
        const { resources, outputs } = await runStack("azure-prod", {
            "azure-native:useMsi": "true",
            "azure-native:clientId": CLIENT_ID,
        });
        expect(resources.filter((r) => r.stack === "azure-prod-baseline" && r.type === T.provider)).toEqual([]);
        const k8s = single(resources, T.k8sProvider);
        expect(k8s.stack).toBe("azure-prod-baseline");
        const exported = await valueOf(outputs["kubeconfig"] as pulumi.Output<string>);
        expect(inputsOf(k8s)["kubeconfig"]).toBe(exported);
        expect(exported).toContain(kubeloginPlan("msi", { clientId: CLIENT_ID }).args.join('","'));
    });
});
