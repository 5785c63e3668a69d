// Types of scripts/docs-examples.mjs, for the tests that import it.
export declare const ROOT: string;
export interface Example {
  command: string;
  exit: number;
  expected: string[];
  mode: 'full' | 'head' | 'excerpt';
  start: number;
  end: number;
  line: number;
}
export interface Run {
  code: number;
  lines: string[];
}
export declare function exampleFiles(): string[];
export declare function words(line: string): string[];
export declare function parseExamples(text: string): Example[];
export declare function runCommand(command: string): Run;
export declare function mismatch(example: Example, run: Run): string | null;
export declare function refreshed(example: Example, run: Run): string | null;
export declare function allExamples(): (Example & { file: string })[];
