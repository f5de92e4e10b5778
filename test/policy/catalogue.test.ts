import * as fs from "fs";
import * as path from "path";
import { Policy } from "@pulumi/policy";
import { CONTROLS } from "../../policypacks/controls";
import { PACKS, SEVERITIES, THEMES } from "../../policypacks/controls/types";
import { controlIdOf } from "../../tools/policy/evaluate";
import { PACK_POLICIES } from "../../tools/policy/packs";
import { nonEmpty } from "../harness/non-empty";

const ROOT = path.resolve(__dirname, "..", "..");
const allPolicies: { pack: string; policy: Policy }[] = PACKS.flatMap((pack) => PACK_POLICIES[pack].map((policy) => ({ pack, policy })));

describe("control catalogue", () => {
    test("control ids are unique and follow HC-<AREA>-<NN>", () => {
        const ids = CONTROLS.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of nonEmpty(ids)) expect(id).toMatch(/^HC-[A-Z]+-\d{2}$/);
    });

    test("every control has a rationale, themes, a severity, an NSA/CISA reference and a seed", () => {
        for (const c of nonEmpty(CONTROLS)) {
            expect(c.rationale.length).toBeGreaterThan(40);
            expect(c.themes.length).toBeGreaterThan(0);
            for (const t of nonEmpty(c.themes)) expect(THEMES).toContain(t);
            expect(SEVERITIES).toContain(c.severity);
            expect(c.references.nsaCisa).toMatch(/^NSA\/CISA Kubernetes Hardening Guide/);
            expect(c.references.seeds.length).toBeGreaterThan(0);
            for (const seed of nonEmpty(c.references.seeds)) expect(seed).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
        }
    });

    test("every theme of the source material has a control", () => {
        for (const theme of nonEmpty(THEMES)) expect(CONTROLS.some((c) => c.themes.includes(theme))).toBe(true);
    });

    test("every control has at least one policy, and each policy it lists exists in a pack", () => {
        const names = new Set(allPolicies.map((p) => p.policy.name));
        for (const c of nonEmpty(CONTROLS)) {
            expect(c.policies.length).toBeGreaterThan(0);
            const missing = c.policies.filter((p) => !names.has(p));
            expect({ control: c.id, missing }).toEqual({ control: c.id, missing: [] });
        }
    });

    test("every policy names a control that lists it back", () => {
        for (const { policy } of nonEmpty(allPolicies)) {
            const id = controlIdOf(policy);
            const control = CONTROLS.find((c) => c.id === id);
            expect({ policy: policy.name, control: control?.id }).toEqual({ policy: policy.name, control: id });
            expect(control?.policies).toContain(policy.name);
            expect(policy.description.startsWith(`[${id}] `)).toBe(true);
        }
    });

    test("policy names are unique across packs and follow <scope>-<service>-<resource>-<verb>-<what>", () => {
        const names = allPolicies.map((p) => p.policy.name);
        expect(new Set(names).size).toBe(names.length);
        for (const name of nonEmpty(names))
            expect(name).toMatch(/^(aws|azure|gcp|kubernetes|cluster)(-[a-z0-9]+){1,2}-(require|deny|restrict)-[a-z0-9-]+$/);
    });

    test("cloud policies are in the cluster-hardening pack, Kubernetes policies in kubernetes-hardening", () => {
        for (const { pack, policy } of nonEmpty(allPolicies)) {
            expect({ policy: policy.name, pack }).toEqual({
                policy: policy.name,
                pack: policy.name.startsWith("kubernetes-") ? "kubernetes-hardening" : "cluster-hardening",
            });
        }
    });

    test("the component paths a control names exist", () => {
        for (const c of nonEmpty(CONTROLS)) for (const p of nonEmpty(c.implementedBy)) expect(fs.existsSync(path.join(ROOT, p))).toBe(true);
    });

    test("the shipped pack configs name only policies of their pack, and prod keeps every policy mandatory", () => {
        for (const pack of nonEmpty(PACKS)) {
            const names = new Set(PACK_POLICIES[pack].map((p) => p.name));
            for (const env of ["dev", "staging", "prod"]) {
                const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policypacks", pack, "config", `${env}.json`), "utf8")) as Record<
                    string,
                    unknown
                >;
                for (const key of nonEmpty(Object.keys(config)))
                    if (key !== "all") expect({ pack, env, key, known: names.has(key) }).toEqual({ pack, env, key, known: true });
                expect(config["all"]).toBe("mandatory");
                if (env === "prod") {
                    for (const [key, value] of nonEmpty(Object.entries(config))) {
                        const level = typeof value === "string" ? value : (value as { enforcementLevel?: string }).enforcementLevel;
                        expect({ key, level: level ?? "mandatory" }).toEqual({ key, level: "mandatory" });
                    }
                }
            }
        }
    });
});
