import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as security from "@pulumi/azure-native/security";
import { CapturedResource, runStack } from "../harness";
import { passes, violations } from "../harness/policies";
import { added, edited, messages, ofType, outcomes, Props, statuses } from "./fixture";

const REGISTRY = "azure-native:containerregistry:Registry";
const PRICING = "azure-native:security:Pricing";

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
});

/** A registry as a teammate might write it: Standard tier, every other setting left to the API. */
const teammateRegistry = () =>
    added(() => {
        new containerregistry.Registry("teammate-acr", { resourceGroupName: "rg-platform-prod", sku: { name: "Standard" } });
    });

describe("azure-containerregistry-registry-deny-public-access", () => {
    const name = "azure-containerregistry-registry-deny-public-access";

    test("passes the blueprint's Premium private registry, in preview too", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        expect(statuses(await outcomes(name, resources))).toEqual(["pass"]);
    });

    test("fails an admin user with anonymous pull and public access (set wrong), naming each", async () => {
        const rs = edited(blueprint, ofType(REGISTRY), (p) => {
            p["adminUserEnabled"] = true;
            p["anonymousPullEnabled"] = true;
            p["publicNetworkAccess"] = "Enabled";
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-SUP-06] publicNetworkAccess is Enabled, so the login server is on the internet; " +
                "adminUserEnabled is true: one shared user name and password can push and pull, outside Entra ID; " +
                "anonymousPullEnabled is true: anyone who reaches the registry reads every image; " +
                "use Premium with publicNetworkAccess Disabled, a private endpoint, and Entra ID pulls (AcrPull) only",
        ]);
    });

    test("fails a teammate's Standard registry with public access left unset (the SDK sends the API's default, Enabled)", async () => {
        expect(await messages(name, await teammateRegistry())).toEqual([
            "[HC-SUP-06] sku.name is Standard, a tier without private endpoints, so the registry can only be public; " +
                "publicNetworkAccess is Enabled, so the login server is on the internet; " +
                "use Premium with publicNetworkAccess Disabled, a private endpoint, and Entra ID pulls (AcrPull) only",
        ]);
    });
});

describe("azure-containerregistry-registry-require-cmk", () => {
    const name = "azure-containerregistry-registry-require-cmk";

    test("passes the blueprint's customer-key registry", async () => {
        expect(statuses(await outcomes(name, blueprint))).toEqual(["pass"]);
    });

    test("fails encryption disabled (set wrong) and a registry without encryption (unset)", async () => {
        const rs = edited(blueprint, ofType(REGISTRY), (p) => {
            (p["encryption"] as Props)["status"] = "disabled";
        });
        expect(await messages(name, rs)).toEqual([
            expect.stringMatching(
                /^\[HC-SUP-06\] encryption\.status is disabled, so the registry is encrypted with a Microsoft-managed key/,
            ),
        ]);
        expect(await messages(name, await teammateRegistry())).toEqual([
            "[HC-SUP-06] encryption is not set, so the registry is encrypted with a Microsoft-managed key the organisation cannot revoke or audit; " +
                "create it with encryption.status enabled and a Key Vault key (ACR cannot add one later)",
        ]);
    });
});

describe("azure-containerregistry-registry-require-retention", () => {
    const name = "azure-containerregistry-registry-require-retention";

    test("passes the blueprint's registry (untagged manifests purged after 30 days in prod)", async () => {
        expect(statuses(await outcomes(name, blueprint))).toEqual(["pass"]);
    });

    test("fails retention disabled (set wrong) and unset", async () => {
        const rs = edited(blueprint, ofType(REGISTRY), (p) => {
            ((p["policies"] as Props)["retentionPolicy"] as Props)["status"] = "disabled";
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-SUP-06] policies.retentionPolicy.status is disabled, so untagged manifests (images whose tag was moved) stay pullable by digest forever; set retentionPolicy.status enabled with a number of days",
        ]);
        expect(await messages(name, await teammateRegistry())).toEqual([expect.stringContaining("policies.retentionPolicy is not set")]);
    });
});

describe("azure-security-pricing-require-containers-plan", () => {
    const name = "azure-security-pricing-require-containers-plan";

    test("passes the blueprint's Standard plan", async () => {
        expect(statuses(await outcomes(name, blueprint))).toEqual(["pass"]);
    });

    test("fails the plan on Free (set wrong), and Standard with registry scanning switched off", async () => {
        const free = edited(blueprint, ofType(PRICING), (p) => {
            p["pricingTier"] = "Free";
        });
        expect(await messages(name, free)).toEqual([
            "[HC-SUP-05] pricingTier is Free: Defender for Containers is off, so registry images are not scanned for vulnerabilities; set pricingTier Standard",
        ]);
        const rs = await added(() => {
            new security.Pricing("org-containers", {
                scopeId: "/subscriptions/00000000-0000-0000-0000-000000000001",
                pricingName: "Containers",
                pricingTier: "Standard",
                extensions: [{ name: "ContainerRegistriesVulnerabilityAssessments", isEnabled: "False" }],
            });
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-SUP-05] the ContainerRegistriesVulnerabilityAssessments extension is disabled, so registry images are not scanned; enable it",
        ]);
    });

    test("judges only the Containers plan: another Defender plan on Free is not its concern", async () => {
        const rs = await added(() => {
            new security.Pricing("org-vms", {
                scopeId: "/subscriptions/00000000-0000-0000-0000-000000000001",
                pricingName: "VirtualMachines",
                pricingTier: "Free",
            });
        });
        expect(violations(await outcomes(name, rs))).toEqual([]);
    });
});
