import { falcoValues } from "../../components/kubernetes/runtime-defence";
import { NEUTRAL_HANDOVER_EXTRAS, RUNTIME_ALERTS_SERVICE_ACCOUNT } from "../../components/shared/handover";
import { CapturedResource } from "../harness";
import { named } from "./edits";
import { runBaseline, testConfig } from "./fixture";

/** HC-RUN-03: where Falco's alerts go is the hand-over's runtimeAlerts; the baseline only turns it into values. */
const TOLERATIONS = [{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }];

/** What the EKS cluster layer hands over: CloudWatch Logs, with falcosidekick's service account bound by Pod Identity. */
const CLOUDWATCH = {
    falcosidekickConfig: {
        aws: { region: "eu-west-1", cloudwatchlogs: { loggroup: "/aws/eks/platform-prod/runtime-alerts", logstream: "falcosidekick" } },
    },
    location: "CloudWatch Logs /aws/eks/platform-prod/runtime-alerts",
};

describe("runtime alert values per destination kind (HC-RUN-03)", () => {
    test("stdout (AKS, GKE and the neutral default): Falco's JSON on stdout for the cloud's log agent, no falcosidekick", () => {
        expect(falcoValues(TOLERATIONS, NEUTRAL_HANDOVER_EXTRAS.runtimeAlerts)).toEqual({
            driver: { kind: "modern_ebpf" },
            tolerations: TOLERATIONS,
            falco: { json_output: true },
            falcosidekick: { enabled: false },
        });
    });

    test("CloudWatch Logs (EKS): falcosidekick forwards every alert with the hand-over's config, the web UI off", () => {
        expect(falcoValues(TOLERATIONS, CLOUDWATCH)).toEqual({
            driver: { kind: "modern_ebpf" },
            tolerations: TOLERATIONS,
            falco: { json_output: true },
            falcosidekick: { enabled: true, webui: { enabled: false }, config: CLOUDWATCH.falcosidekickConfig },
        });
    });

    test("the service account the cloud layer binds an identity to is the chart's: falco/falco-falcosidekick", () => {
        expect(RUNTIME_ALERTS_SERVICE_ACCOUNT).toEqual({ namespace: "falco", name: "falco-falcosidekick" });
    });

    test("the baseline passes the hand-over's destination to the Falco release", async () => {
        const resources: CapturedResource[] = (await runBaseline(testConfig(), { handover: { runtimeAlerts: CLOUDWATCH } })).resources;
        const values = named(resources, "test-baseline-runtime-falco").props["values"] as Record<string, unknown>;
        expect(values["falcosidekick"]).toEqual({ enabled: true, webui: { enabled: false }, config: CLOUDWATCH.falcosidekickConfig });
    });
});
