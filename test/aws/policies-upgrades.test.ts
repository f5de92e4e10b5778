import { awsEksClusterRequireStandardSupport } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-standard-support";
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
