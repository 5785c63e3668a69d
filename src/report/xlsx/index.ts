export function tasksXlsxRenderer(_env: unknown): never { throw new Error('todo'); }
