import { awsEksClusterRequireStandardSupport } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-standard-support";
import { awsEksNodegroupRequireSurgeUpdates } from "../../policypacks/cluster-hardening/aws/eks-nodegroup-require-surge-updates";
import { awsEksStackRequireContainerLogShipping } from "../../policypacks/cluster-hardening/aws/eks-stack-require-container-log-shipping";
import { CapturedResource, runStack } from "../harness";
import { expectPasses, messages, mutated, prodConfig } from "./policy-fixture";

const CLUSTER = "aws:eks/cluster:Cluster";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

describe("aws-eks-cluster-require-standard-support (HC-NODE-05)", () => {
    const policy = awsEksClusterRequireStandardSupport;

    test("passes on both shipped stacks (eks.supportType defaults to STANDARD)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("unset: AWS's default is EXTENDED, so an unset upgrade policy is refused", async () => {
        const bad = mutated(prod, CLUSTER, (p) => delete p["upgradePolicy"]);
        expect(await messages(policy, bad)).toEqual([
            '[HC-NODE-05] upgradePolicy.supportType is unset, so AWS applies EXTENDED: at the end of standard support the cluster stays on its version at the extended-support price; set it to "STANDARD"',
        ]);
    });

    test("wrong value: EXTENDED is refused unless the pack config allows it; unset stays refused even then", async () => {
        const extended = mutated(prod, CLUSTER, (p) => (p["upgradePolicy"] = { supportType: "EXTENDED" }));
        expect(await messages(policy, extended)).toEqual([
            '[HC-NODE-05] upgradePolicy.supportType is EXTENDED: the cluster can stay on a version past its standard support; set it to "STANDARD" so EKS upgrades it',
        ]);
        const allowing = { ...prodConfig(), [policy.name]: { allowExtendedSupport: true } };
        expect(await messages(policy, extended, allowing)).toEqual([]);
        const unset = mutated(prod, CLUSTER, (p) => delete p["upgradePolicy"]);
        expect(await messages(policy, unset, allowing)).toHaveLength(1);
    });
});

describe("aws-eks-stack-require-container-log-shipping (HC-RUN-03)", () => {
    const policy = awsEksStackRequireContainerLogShipping;
    const ADDON = "aws:eks/addon:Addon";
    const isObservability = (r: CapturedResource) => r.type === ADDON && r.name.endsWith("-amazon-cloudwatch-observability");

    test("passes on both shipped stacks (monitoring managed)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("unset: a cluster without the add-on keeps its container logs on the nodes", async () => {
        const bad = prod.filter((r) => !isObservability(r));
        expect(bad.length).toBe(prod.length - 1);
        expect(await messages(policy, bad)).toEqual([
            "[HC-RUN-03] EKS cluster platform-prod-cluster has no amazon-cloudwatch-observability add-on, so container logs and Falco's alerts stay on the nodes; add the add-on, or record an HC-RUN-03 exception naming the log shipper you run instead",
        ]);
    });

    test("wrong value: the add-on with container logs switched off", async () => {
        const bad = mutated(
            prod,
            ADDON,
            (p) => (p["configurationValues"] = JSON.stringify({ containerLogs: { enabled: false } })),
            "platform-prod-amazon-cloudwatch-observability",
        );
        expect(await messages(policy, bad)).toEqual([
            "[HC-RUN-03] the amazon-cloudwatch-observability add-on platform-prod-amazon-cloudwatch-observability sets containerLogs.enabled false, so container logs and Falco's alerts stay on the nodes; remove it or set it true",
        ]);
        // Unset configuration keeps the add-on's default (container logs on).
        const unset = mutated(prod, ADDON, (p) => delete p["configurationValues"], "platform-prod-amazon-cloudwatch-observability");
        expect(await messages(policy, unset)).toEqual([]);
    });
});

describe("aws-eks-nodegroup-require-surge-updates (HC-NODE-07)", () => {
    const policy = awsEksNodegroupRequireSurgeUpdates;
    const GROUP = "aws:eks/nodeGroup:NodeGroup";

    test("passes on both shipped stacks (upgrades → maxUnavailable 1, DEFAULT strategy)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("unset: EKS's default update (one node, surge-first) is compliant", async () => {
        expect(
            await messages(
                policy,
                mutated(prod, GROUP, (p) => delete p["updateConfig"], "platform-prod-general"),
            ),
        ).toEqual([]);
    });

    test("wrong values: MINIMAL strategy, a percentage, more nodes than the pack config allows", async () => {
        const bad = mutated(
            prod,
            GROUP,
            (p) => (p["updateConfig"] = { updateStrategy: "MINIMAL", maxUnavailable: 3, maxUnavailablePercentage: 20 }),
            "platform-prod-general",
        );
        expect(await messages(policy, bad)).toEqual([
            '[HC-NODE-07] updateConfig.updateStrategy is MINIMAL, which may terminate nodes before their replacements are Ready; set it to "DEFAULT" (or leave it unset)',
            "[HC-NODE-07] updateConfig.maxUnavailablePercentage is 20: the nodes taken out at once grow with the group; set maxUnavailable to at most 1 instead",
            "[HC-NODE-07] updateConfig.maxUnavailable is 3; replace at most 1 node(s) at once in this environment",
        ]);
        const three = mutated(
            prod,
            GROUP,
            (p) => (p["updateConfig"] = { maxUnavailable: 3, updateStrategy: "DEFAULT" }),
            "platform-prod-general",
        );
        expect(await messages(policy, three, { ...prodConfig(), [policy.name]: { maxUnavailable: 3 } })).toEqual([]);
    });
});
