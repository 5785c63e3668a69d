// Types of bench/sphere.mjs for the tests that import it (test/e2e/data-cache.test.ts).

/** A data file like `kouiki data import` writes for one prefecture (generated, seeded): `origins` towns with `destinations` flows each, and ベンチ中心市. */
export function prefectureOdYaml(origins?: number, destinations?: number, seed?: number): string;

export function sphereBench(opts: { root: string; bin: string; work: string; tiny: boolean; runs: number; results: unknown[]; env?: Record<string, string> }): void;

/** A national import's data file (real municipalities, generated counts). */
export function nationalOdYaml(root: string, origins?: number, destinations?: number, seed?: number): string;
