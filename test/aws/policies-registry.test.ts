import * as aws from "@pulumi/aws";
import { awsEcrRegistryscanningRequireEnhanced } from "../../policypacks/cluster-hardening/aws/ecr-registryscanning-require-enhanced";
import { awsEcrRepositoryRequireImmutableTags } from "../../policypacks/cluster-hardening/aws/ecr-repository-require-immutable-tags";
import { awsEcrRepositoryRequireKms } from "../../policypacks/cluster-hardening/aws/ecr-repository-require-kms";
import { awsEcrRepositorypolicyDenyPublic } from "../../policypacks/cluster-hardening/aws/ecr-repositorypolicy-deny-public";
import { awsEksStackRequireRegistryScanning } from "../../policypacks/cluster-hardening/aws/eks-stack-require-registry-scanning";
import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource, runStack } from "../harness";
import { added, expectPasses, messages, mutated, policyDocument } from "./policy-fixture";

const REPOSITORY = "aws:ecr/repository:Repository";
const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const devConfig = () => readPackConfig("cluster-hardening", "dev");

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

describe("aws-ecr-repository-require-immutable-tags (HC-SUP-06)", () => {
    const policy = awsEcrRepositoryRequireImmutableTags;

    test("passes on both shipped stacks (repositories and template IMMUTABLE)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("unset and MUTABLE repositories fail in prod, with the repository named", async () => {
        const unset = mutated(prod, REPOSITORY, (p) => delete p["imageTagMutability"], "platform-prod-repo-payments");
        expect(await messages(policy, unset)).toEqual([
            '[HC-SUP-06] repository platform-prod/payments: imageTagMutability is unset (AWS default MUTABLE), so a pushed tag can be moved to another image; set imageTagMutability "IMMUTABLE"',
        ]);
        const mutable = mutated(prod, REPOSITORY, (p) => (p["imageTagMutability"] = "MUTABLE"), "platform-prod-repo-payments");
        expect(await messages(policy, mutable)).toEqual([
            '[HC-SUP-06] repository platform-prod/payments: imageTagMutability is MUTABLE, so a pushed tag can be moved to another image; set imageTagMutability "IMMUTABLE"',
        ]);
    });

    test("the creation template is judged too; dev's pack config accepts moving tags", async () => {
        const bad = mutated(prod, TEMPLATE, (p) => (p["imageTagMutability"] = "IMMUTABLE_WITH_EXCLUSION"));
        expect(await messages(policy, bad)).toEqual([
            '[HC-SUP-06] repository creation template platform-prod: imageTagMutability is IMMUTABLE_WITH_EXCLUSION (tags matching the exclusion filters can move), so a pushed tag can be moved to another image; set imageTagMutability "IMMUTABLE"',
        ]);
        const devMutable = mutated(dev, TEMPLATE, (p) => (p["imageTagMutability"] = "MUTABLE"));
        expect(await messages(policy, devMutable, devConfig())).toEqual([]);
    });
});

describe("aws-ecr-repository-require-kms (HC-SUP-06)", () => {
    const policy = awsEcrRepositoryRequireKms;

    test("passes on both shipped stacks (the registry key)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("no encryption, AES256, or the AWS managed key fail", async () => {
        const unset = mutated(prod, REPOSITORY, (p) => delete p["encryptionConfigurations"], "platform-prod-repo-search");
        expect(await messages(policy, unset)).toEqual([
            '[HC-SUP-06] repository platform-prod/search has no encryptionConfigurations, so ECR encrypts with AES256 under its own key; set encryptionType "KMS" with a customer-managed kmsKey',
        ]);
        const aes = mutated(
            prod,
            REPOSITORY,
            (p) => (p["encryptionConfigurations"] = [{ encryptionType: "AES256" }]),
            "platform-prod-repo-search",
        );
        expect(await messages(policy, aes)).toEqual([
            '[HC-SUP-06] repository platform-prod/search has encryptionType AES256; set encryptionType "KMS" with a customer-managed kmsKey',
        ]);
        const managed = mutated(prod, TEMPLATE, (p) => (p["encryptionConfigurations"] = [{ encryptionType: "KMS" }]));
        expect(await messages(policy, managed)).toEqual([
            "[HC-SUP-06] repository creation template platform-prod uses KMS with no kmsKey (the AWS managed key aws/ecr), which the organisation cannot revoke or audit by its own policy; set kmsKey to a customer-managed key",
        ]);
    });

    test("a teammate's raw repository without encryption fails", async () => {
        const extra = await added(() => {
            new aws.ecr.Repository("scratch", { name: "scratch", imageTagMutability: "IMMUTABLE" });
        });
        expect(await messages(policy, extra)).toHaveLength(1);
    });
});

describe("aws-ecr-registryscanning-require-enhanced (HC-SUP-05)", () => {
    const policy = awsEcrRegistryscanningRequireEnhanced;

    test("passes on both shipped stacks", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("BASIC scanning fails", async () => {
        const bad = mutated(prod, SCANNING, (p) => (p["scanType"] = "BASIC"));
        expect(await messages(policy, bad)).toEqual([
            '[HC-SUP-05] scanType is BASIC: basic scanning checks an image once, at push; set scanType "ENHANCED" (Amazon Inspector, continuous)',
        ]);
    });

    test("ENHANCED without a continuous rule for every repository fails", async () => {
        const narrow = mutated(
            prod,
            SCANNING,
            (p) => (p["rules"] = [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "prod-*", filterType: "WILDCARD" }] }]),
        );
        expect(await messages(policy, narrow)).toEqual([
            '[HC-SUP-05] no CONTINUOUS_SCAN rule covers every repository (rules: CONTINUOUS_SCAN [prod-*]), so some images are scanned once or never; add a rule { scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }',
        ]);
        const unset = mutated(prod, SCANNING, (p) => delete p["rules"]);
        expect(await messages(policy, unset)).toHaveLength(1);
    });
});

describe("aws-eks-stack-require-registry-scanning (HC-SUP-05)", () => {
    const policy = awsEksStackRequireRegistryScanning;

    test("passes on both shipped stacks", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("a cluster without a registry scanning configuration in its stack fails", async () => {
        const bad = prod.filter((r) => r.type !== SCANNING);
        expect(bad.length).toBe(prod.length - 1);
        expect(await messages(policy, bad)).toEqual([
            "[HC-SUP-05] EKS cluster platform-prod-cluster is in a stack with no ECR registry scanning configuration, so the registry keeps basic scanning (once, at push); set registry.enabled, or record an HC-SUP-05 exception naming where the images are scanned",
        ]);
    });

    test("a BASIC configuration does not count", async () => {
        const bad = mutated(prod, SCANNING, (p) => (p["scanType"] = "BASIC"));
        expect(await messages(policy, bad)).toEqual([
            "[HC-SUP-05] EKS cluster platform-prod-cluster is in a stack with only a BASIC ECR registry scanning configuration, so the registry keeps basic scanning (once, at push); set registry.enabled, or record an HC-SUP-05 exception naming where the images are scanned",
        ]);
    });
});

describe("aws-ecr-repositorypolicy-deny-public (HC-SUP-06)", () => {
    const policy = awsEcrRepositorypolicyDenyPublic;

    test("passes on both shipped stacks (no repository policy; the template sets none)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("a teammate's repository policy open to everyone fails; one narrowed to the organization passes", async () => {
        const pull = { Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] };
        const open = await added(() => {
            new aws.ecr.RepositoryPolicy("open", {
                repository: "platform-prod/payments",
                policy: policyDocument({ Sid: "Pull", Principal: "*", ...pull }),
            });
        });
        expect(await messages(policy, open)).toEqual([
            '[HC-SUP-06] repository policy of platform-prod/payments: statement "Pull" allows Principal "*" (any AWS identity in any account) and no condition names who; name the principal, or add a condition on aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn; the registry\'s images would be readable (or writable) from any AWS account',
        ]);
        const narrowed = await added(() => {
            new aws.ecr.RepositoryPolicy("org", {
                repository: "platform-prod/payments",
                policy: policyDocument({
                    Principal: { AWS: "*" },
                    Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } },
                    ...pull,
                }),
            });
        });
        await expectPasses(policy, narrowed);
    });

    test("a public registry policy or creation-template policy fails", async () => {
        const extra = await added(() => {
            new aws.ecr.RegistryPolicy("open", {
                policy: policyDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["ecr:CreateRepository"], Resource: "*" }),
            });
        });
        expect(await messages(policy, extra)).toHaveLength(1);
        const template = mutated(
            prod,
            TEMPLATE,
            (p) => (p["repositoryPolicy"] = policyDocument({ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage"] })),
        );
        expect((await messages(policy, template))[0]).toContain(
            "repository policy of creation template platform-prod: statement 0 allows Principal",
        );
    });
});
