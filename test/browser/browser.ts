import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The system's Chromium for the report tests (Debian's `chromium`; .ci/run installs it). Never
 * a browser download: playwright-core only drives the one on the machine. KOUIKI_CHROMIUM names
 * another executable.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumPath(): string | null {
  const forced = process.env.KOUIKI_CHROMIUM;
  if (forced) return existsSync(forced) ? forced : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Flags for a closed machine: no background networking (component updates, sync, field
 * trials), which would be refused requests, and no sandbox (CI runs as root).
 */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none', '--force-color-profile=srgb', '--hide-scrollbars'];

/** One browser for all the tests; playwright gives it a new, empty profile of its own (removed on close). */
export async function launch(executablePath: string): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  return { browser, close: () => browser.close() };
}
