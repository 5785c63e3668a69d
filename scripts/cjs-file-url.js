// Injected into the CommonJS bundle (scripts/build.mjs): what `import.meta.url` stands for there.
import { pathToFileURL } from 'node:url';
export const __kouikiFileUrl = pathToFileURL(__filename).href;
