import { planNodeGroups, planNodeGroupUpdate, volumesFor } from "../../components/aws/nodegroup-plan";
import { DAY2_DEFAULTS } from "../../config/day2";
import { ISOLATED_TAINT, POOL_LABEL } from "../../core/labels";
import { NodePoolSpec } from "../../config/types";

const pool = (over: Partial<NodePoolSpec> = {}): NodePoolSpec => ({
    machineType: "m7i.large",
    minSize: 1,
    maxSize: 3,
    diskSizeGb: 50,
    taints: [],
    ...over,
});

const UPGRADES = DAY2_DEFAULTS.prod.upgrades;

describe("planNodeGroupUpdate (HC-NODE-07)", () => {
    test.each([
        [
            "prod default: surge, nothing taken away first → EKS's smallest parallel update, DEFAULT (surge-first) strategy",
            DAY2_DEFAULTS.prod.upgrades,
            1,
        ],
        ["dev default", DAY2_DEFAULTS.dev.upgrades, 1],
        ["several nodes in parallel", { maxSurge: "1", maxUnavailable: 3 }, 3],
        ["capped at EKS's limit of 100", { maxSurge: "1", maxUnavailable: 250 }, 100],
    ] as const)("%s", (_case, upgrades, maxUnavailable) => {
        expect(planNodeGroupUpdate(upgrades)).toEqual({ maxUnavailable, updateStrategy: "DEFAULT" });
    });

    test("every pool gets the same update plan; maxUnavailable is never below EKS's minimum of 1", () => {
        const plans = planNodeGroups({ system: pool(), general: pool(), isolated: pool() }, "bottlerocket", {
            maxSurge: "33%",
            maxUnavailable: 0,
        });
        expect(plans.map((p) => p.update)).toEqual([1, 1, 1].map((n) => ({ maxUnavailable: n, updateStrategy: "DEFAULT" })));
    });
});

describe("planNodeGroups", () => {
    const pools = {
        system: pool({ taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }] }),
        general: pool({ machineType: "m7i.xlarge", minSize: 2, maxSize: 10, diskSizeGb: 100 }),
        isolated: pool({ minSize: 0, maxSize: 0, taints: [ISOLATED_TAINT] }),
    } as const;

    test.each([
        ["bottlerocket", "BOTTLEROCKET_x86_64"],
        ["al2023", "AL2023_x86_64_STANDARD"],
    ] as const)("%s nodes use amiType %s", (os, amiType) => {
        expect(planNodeGroups(pools, os, UPGRADES).map((p) => p.amiType)).toEqual([amiType, amiType, amiType]);
    });

    test("one group per pool role with labels, EKS taint effects and sizes from config", () => {
        const plan = planNodeGroups(pools, "bottlerocket", UPGRADES);
        expect(plan.map((p) => p.key)).toEqual(["system", "general", "isolated"]);
        expect(plan[0]).toMatchObject({
            instanceTypes: ["m7i.large"],
            labels: { [POOL_LABEL]: "system" },
            taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
            scaling: { minSize: 1, maxSize: 3, desiredSize: 1 },
        });
        expect(plan[1]).toMatchObject({ instanceTypes: ["m7i.xlarge"], taints: [], scaling: { minSize: 2, maxSize: 10, desiredSize: 2 } });
        // EKS needs maxSize >= 1 even for a pool that starts empty.
        expect(plan[2]).toMatchObject({
            labels: { [POOL_LABEL]: "isolated" },
            taints: [{ key: ISOLATED_TAINT.key, value: "true", effect: "NO_SCHEDULE" }],
            scaling: { minSize: 0, maxSize: 1, desiredSize: 0 },
        });
    });

    test("every taint effect maps to the EKS spelling", () => {
        const plan = planNodeGroups(
            {
                ...pools,
                general: pool({
                    taints: [
                        { key: "a", value: "1", effect: "NoExecute" },
                        { key: "b", value: "2", effect: "PreferNoSchedule" },
                    ],
                }),
            },
            "al2023",
            UPGRADES,
        );
        expect(plan[1].taints.map((t) => t.effect)).toEqual(["NO_EXECUTE", "PREFER_NO_SCHEDULE"]);
    });

    test("volumes: Bottlerocket maps its OS and data volumes, AL2023 its root volume, sized from config", () => {
        expect(volumesFor("bottlerocket", 80)).toEqual([{ deviceName: "/dev/xvda" }, { deviceName: "/dev/xvdb", sizeGb: 80 }]);
        expect(volumesFor("al2023", 80)).toEqual([{ deviceName: "/dev/xvda", sizeGb: 80 }]);
    });
});
