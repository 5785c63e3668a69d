/** Output formats per command (kept apart from the renderers so that start-up loads none of them). */
export const RECOMMEND_FORMATS = ['table', 'json', 'markdown', 'csv', 'html'] as const;
/** evaluate: those of recommend and a workbook. */
export const EVALUATE_FORMATS = [...RECOMMEND_FORMATS, 'xlsx'] as const;
/** The wizard prints a recommendation to the terminal or a file of the text formats. */
export const WIZARD_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export const ELIGIBILITY_FORMATS = ['table', 'json', 'markdown', 'html', 'xlsx'] as const;
export const EXPLAIN_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
/** check: the text formats of src/core/check/ids.ts, then the report and the workbook. */
export const CHECK_REPORT_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'xlsx'] as const;
/** Formats whose output is bytes, not text: written to a file, or to stdout that is not a terminal. */
export const BINARY_FORMATS: readonly string[] = ['xlsx'];
export const SPHERE_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
