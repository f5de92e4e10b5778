import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../core/vocabulary";
import { CLUSTER_HARDENING_POLICIES } from "../../policypacks/cluster-hardening/policies";
import { PackName } from "../../policypacks/controls/types";
import { KUBERNETES_HARDENING_POLICIES } from "../../policypacks/kubernetes-hardening/policies";
import { PackConfig, PackUnderTest } from "./evaluate";

/** The two packs' policy lists (never their index.ts, which would start the CLI's gRPC server). */
export const PACK_POLICIES = {
    "cluster-hardening": CLUSTER_HARDENING_POLICIES,
    "kubernetes-hardening": KUBERNETES_HARDENING_POLICIES,
} as const;

export const PACKS_DIR = path.resolve(__dirname, "..", "..", "policypacks");

/** The shipped --policy-pack-config file for a pack and environment: policypacks/<pack>/config/<env>.json. */
export function packConfigPath(pack: PackName, environment: Environment): string {
    return path.join(PACKS_DIR, pack, "config", `${environment}.json`);
}

export function readPackConfig(pack: PackName, environment: Environment): PackConfig {
    return JSON.parse(fs.readFileSync(packConfigPath(pack, environment), "utf8")) as PackConfig;
}

/** Both packs with the shipped config of an environment, as CI would run them for that stack. */
export function packsFor(environment: Environment): PackUnderTest[] {
    return (Object.keys(PACK_POLICIES) as PackName[]).map((name) => ({
        name,
        policies: PACK_POLICIES[name],
        config: readPackConfig(name, environment),
    }));
}
