export { AksHardenedCluster } from "./cluster";
export type { AksHardenedClusterArgs } from "./cluster";
