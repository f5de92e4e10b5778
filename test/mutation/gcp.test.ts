import { tablesOf } from "./cases";
import { describeMutationTables } from "./framework/suite";

/** The mutation table rows of both packs on the shipped GKE stacks (each stack's program runs once). */
describeMutationTables(tablesOf("gcp"));
