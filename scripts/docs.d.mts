// Types of scripts/docs.mjs, for the tests that import it.
export declare function parseHelp(text: string): { usage: string; description: string; sections: Record<string, { term: string; text: string }[]>; rest: string };
export declare function renderCommands(): string;
export declare function renderRules(): string;
export declare const GENERATED: { path: string; render: () => string }[];
export declare function refreshExamples(log?: (line: string) => void): string[];
export declare function fillRegions(text: string): string;
