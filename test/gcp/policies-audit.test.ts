import * as gcp from "@pulumi/gcp";
import { CapturedResource, runProgram, runStack } from "../harness";
import { evaluatePolicy, violations } from "../harness/policies";
import { added, expectCompliant as compliant, messagesOf as messages, policy, Props, shippedConfig, T, variant, without } from "./fixture";

const RETENTION = "gcp-logging-bucket-require-retention";
const DATA_ACCESS = "gcp-iam-auditconfig-require-data-access";
const PROD = shippedConfig("prod");
const DEV = shippedConfig("dev");

let prod: CapturedResource[];
let dev: CapturedResource[];

beforeAll(async () => {
    prod = (await runStack("gcp-prod")).resources;
    dev = (await runStack("gcp-dev")).resources;
});

describe("log retention (HC-AUD-02)", () => {
    test("the environment's minimum comes from pack config: unset (30 days) passes in dev, fails in prod", async () => {
        const unset = (resources: CapturedResource[]) => variant(resources, T.bucket, (p) => delete p["retentionDays"]);
        await compliant(RETENTION, unset(dev), DEV);
        expect(await messages(RETENTION, unset(prod))).toEqual([expect.stringContaining("at least 365")]);
        expect(
            await messages(
                RETENTION,
                variant(dev, T.bucket, (p) => (p["retentionDays"] = 7)),
                DEV,
            ),
        ).toEqual([expect.stringContaining("has retentionDays 7; set retentionDays to at least 30 for this environment")]);
    });

    test("a teammate's extra log bucket keeps the minimum too; _Required is Google's and not judged", async () => {
        const extra = added(T.bucket, "audit-copy", { project: "p", location: "global", bucketId: "audit-copy", retentionDays: 0 });
        const folder = added("gcp:logging/folderBucketConfig:FolderBucketConfig", "folder-default", {
            folder: "folders/1",
            location: "global",
            bucketId: "_Default",
            retentionDays: 90,
        });
        const required = added(T.bucket, "required", { project: "p", location: "global", bucketId: "_Required", retentionDays: 1 });
        expect(await messages(RETENTION, [...prod, extra, folder, required])).toEqual([
            expect.stringContaining("audit-copy: log bucket audit-copy has retentionDays 0 (30 days)"),
            expect.stringContaining("folder-default: log bucket _Default has retentionDays 90"),
        ]);
    });

    test("compliant control edit: ten years", async () => {
        await compliant(
            RETENTION,
            variant(prod, T.bucket, (p) => (p["retentionDays"] = 3650)),
        );
    });

    test("a stack without a GKE cluster or bucket is not judged", async () => {
        const { resources } = await runProgram(() => new gcp.compute.Network("n", {}));
        expect(await evaluatePolicy(policy(RETENTION), resources, PROD)).toEqual([]);
    });
});

describe("Data Access audit logs (HC-AUD-03)", () => {
    const allServices = (logs: Props[]) =>
        added(T.auditConfig, "all-services", { project: "p", service: "allServices", auditLogConfigs: logs });
    const everyType = [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }];

    test("compliant: allServices instead of container.googleapis.com, or the two adding up", async () => {
        await compliant(DATA_ACCESS, [...without(prod, T.auditConfig), allServices(everyType)]);
        const partial = variant(prod, T.auditConfig, (p) => (p["auditLogConfigs"] = [{ logType: "ADMIN_READ" }]));
        await compliant(DATA_ACCESS, [...partial, allServices([{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }])]);
    });

    test("compliant: the audit configs of an organization or of a whole project IAM policy", async () => {
        const org = added("gcp:organizations/iamAuditConfig:IamAuditConfig", "org-audit", {
            orgId: "1",
            service: "allServices",
            auditLogConfigs: everyType,
        });
        await compliant(DATA_ACCESS, [...without(prod, T.auditConfig), org]);
        const policyData = JSON.stringify({
            bindings: [],
            auditConfigs: [{ service: "container.googleapis.com", auditLogConfigs: everyType }],
        });
        await compliant(DATA_ACCESS, [
            ...without(prod, T.auditConfig),
            added(T.projectPolicy, "whole-policy", { project: "p", policyData }),
        ]);
    });

    test("a teammate's allServices config that exempts a principal is caught on that resource", async () => {
        const found = violations(
            await evaluatePolicy(
                policy(DATA_ACCESS),
                [...prod, allServices([{ logType: "DATA_READ", exemptedMembers: ["serviceAccount:ci@p.iam.gserviceaccount.com"] }])],
                PROD,
            ),
            DATA_ACCESS,
        );
        expect(found).toHaveLength(1);
        expect(found[0].urn).toContain("all-services");
        expect(found[0].message).toContain(
            "all-services: auditLogConfigs for allServices exempts serviceAccount:ci@p.iam.gserviceaccount.com from DATA_READ",
        );
    });

    test("an IAM policy's audit config for the Kubernetes API with an exemption is caught", async () => {
        const policyData = JSON.stringify({
            auditConfigs: [
                {
                    service: "container.googleapis.com",
                    auditLogConfigs: [{ logType: "DATA_WRITE", exemptedMembers: ["user:ops@example.com"] }],
                },
            ],
        });
        expect(await messages(DATA_ACCESS, [...prod, added(T.projectPolicy, "whole-policy", { project: "p", policyData })])).toEqual([
            expect.stringContaining(
                "whole-policy: policyData.auditConfigs[0] for container.googleapis.com exempts user:ops@example.com from DATA_WRITE",
            ),
        ]);
    });

    test("preview: the shipped audit config is decided", async () => {
        const { resources } = await runStack("gcp-prod", {}, { preview: true });
        expect((await evaluatePolicy(policy(DATA_ACCESS), resources, PROD)).map((o) => o.status)).toEqual(["pass"]);
    });
});
