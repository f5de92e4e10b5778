import * as keyvault from "@pulumi/azure-native/keyvault";
import { CapturedResource, runStack } from "../harness";
import { passes, violations } from "../harness/policies";
import { added, edited, messages, ofType, outcomes, Props, statuses, TYPES } from "./fixture";

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
});

describe("azure-keyvault-vault-require-rbac-authorization", () => {
    const name = "azure-keyvault-vault-require-rbac-authorization";
    const vault = ofType(TYPES.vault);
    const properties = (p: Props) => p["properties"] as Props;

    test("passes the blueprint's RBAC-mode vault", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
    });

    test("fails a vault switched to access policies (set wrong), counting them", async () => {
        const rs = edited(blueprint, vault, (p) => {
            properties(p)["enableRbacAuthorization"] = false;
            properties(p)["accessPolicies"] = [{ tenantId: "t", objectId: "o", permissions: { keys: ["all"] } }];
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-SEC-03] properties.enableRbacAuthorization is false (also what an unset value becomes), so its 1 vault access policy decides who uses keys and reads secrets, outside Azure RBAC, " +
                "and anyone who can write the vault can add a policy for themselves; set enableRbacAuthorization true and grant Key Vault data roles per principal",
        ]);
    });

    test("fails a vault without the setting (unset): the SDK sends the API's default, false", async () => {
        const rs = await added(() => {
            new keyvault.Vault("teammate-kv", {
                resourceGroupName: "rg-platform-prod",
                properties: { tenantId: "00000000-0000-0000-0000-000000000002", sku: { family: "A", name: "standard" } },
            });
        });
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("enableRbacAuthorization is false (also what an unset value becomes)"),
        ]);
        const wire = edited(blueprint, vault, (p) => delete properties(p)["enableRbacAuthorization"]);
        expect(await messages(name, wire)).toEqual([expect.stringContaining("vault access policies decide who uses keys")]);
    });

    test("is decided in preview (the setting is a literal even while the vault name is unknown)", async () => {
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        expect(statuses(await outcomes(name, resources))).toEqual(["pass"]);
    });
});
