export function tasksXlsxRenderer(_env: unknown): never { throw new Error('todo'); }
export function eligibilityXlsxRenderer(_env: unknown): never { throw new Error('todo'); }
export function checkXlsxRenderer(_run: unknown, _env: unknown): never { throw new Error('todo'); }
