import * as k8s from "@pulumi/kubernetes";
import { CapturedResource } from "../harness";
import { passes } from "../harness/policies";
import { assertApiValid, capture, messages, statusesOf, unknownAt } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

let prod: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
});

describe("kubernetes-service-deny-external-ips (HC-NET-08, CVE-2020-8554)", () => {
    const NAME = "kubernetes-service-deny-external-ips";

    test("the baseline has no Services: nothing to judge", async () => {
        expect(await evaluate(NAME, prod)).toEqual([]);
    });

    test("added: a Service, a patch and a list item with externalIPs fail; a plain ClusterIP Service passes", async () => {
        const resources = await capture(() => {
            new k8s.core.v1.Service("hijack", {
                metadata: { name: "hijack", namespace: "payments" },
                spec: { selector: { app: "web" }, ports: [{ port: 443 }], externalIPs: ["203.0.113.10"] },
            });
            new k8s.core.v1.ServicePatch("patched", {
                metadata: { name: "api", namespace: "search" },
                spec: { externalIPs: ["10.0.0.1", "10.0.0.2"] },
            });
            new k8s.core.v1.ServiceList("list", {
                items: [
                    {
                        apiVersion: "v1",
                        kind: "Service",
                        metadata: { name: "listed", namespace: "payments" },
                        spec: { ports: [{ port: 80 }], externalIPs: ["192.0.2.1"] },
                    },
                ],
            });
            new k8s.core.v1.Service("fine", {
                metadata: { name: "fine", namespace: "payments" },
                spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
            });
        });
        assertApiValid(resources);
        const outcomes = await evaluate(NAME, resources);
        expect(messages(outcomes).sort()).toEqual([
            "[HC-NET-08] Service payments/hijack sets externalIPs 203.0.113.10, so every node captures traffic for those addresses (CVE-2020-8554); remove spec.externalIPs and expose the Service through the platform ingress",
            "[HC-NET-08] Service payments/listed sets externalIPs 192.0.2.1, so every node captures traffic for those addresses (CVE-2020-8554); remove spec.externalIPs and expose the Service through the platform ingress",
            "[HC-NET-08] Service search/api sets externalIPs 10.0.0.1, 10.0.0.2, so every node captures traffic for those addresses (CVE-2020-8554); remove spec.externalIPs and expose the Service through the platform ingress",
        ]);
        expect(passes(outcomes, NAME)).toHaveLength(1);
        expect(
            statusesOf(
                await evaluate(NAME, unknownAt(resources, "hijack", "spec.externalIPs")).then((o) =>
                    o.filter((x) => x.urn?.endsWith("::hijack")),
                ),
            ),
        ).toEqual(["not-evaluated"]);
    });
});
