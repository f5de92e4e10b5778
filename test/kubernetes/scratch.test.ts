import { evaluateStack } from "../harness/policies";
test("scratch", async () => {
    for (const [s, e] of [
        ["aws-dev", "dev"],
        ["aws-prod", "prod"],
        ["azure-prod", "prod"],
        ["gcp-dev", "dev"],
    ] as const) {
        const o = await evaluateStack(s, e);
        const k = o.filter((x) => x.pack === "kubernetes-hardening");
        console.log(
            s,
            JSON.stringify(k.filter((x) => x.status !== "pass").map((x) => [x.policy, x.status, x.enforcementLevel, x.message])),
            k
                .filter((x) => x.status === "pass")
                .map((x) => x.policy)
                .join(","),
        );
    }
});
