/** Output formats per command (kept apart from the renderers so that start-up loads none of them). */
export const RECOMMEND_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export const ELIGIBILITY_FORMATS = ['table', 'json', 'markdown'] as const;
export const SPHERE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
