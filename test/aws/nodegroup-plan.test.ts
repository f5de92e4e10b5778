import { planNodeGroups, volumesFor } from "../../components/aws/nodegroup-plan";
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
        expect(planNodeGroups(pools, os).map((p) => p.amiType)).toEqual([amiType, amiType, amiType]);
    });

    test("one group per pool role with labels, EKS taint effects and sizes from config", () => {
        const plan = planNodeGroups(pools, "bottlerocket");
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
        );
        expect(plan[1].taints.map((t) => t.effect)).toEqual(["NO_EXECUTE", "PREFER_NO_SCHEDULE"]);
    });

    test("volumes: Bottlerocket maps its OS and data volumes, AL2023 its root volume, sized from config", () => {
        expect(volumesFor("bottlerocket", 80)).toEqual([{ deviceName: "/dev/xvda" }, { deviceName: "/dev/xvdb", sizeGb: 80 }]);
        expect(volumesFor("al2023", 80)).toEqual([{ deviceName: "/dev/xvda", sizeGb: 80 }]);
    });
});
