/** The key of a criterion's comparison (kept apart: the command fills the map without loading the report). */
export const comparisonKey = (municipality: string, designation: string, criterion: string): string => `${municipality}\u0000${designation}\u0000${criterion}`;
