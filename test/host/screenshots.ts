// npm run screenshots: drives the real host (code-server + headless Chromium through playwright-core) on a long
// tagged article and
//   1. counts text lines that run past the editor's right edge (under the minimap or the scrollbar) at several
//      window widths, for the shipped default (newsAnnotator.labels.display "colour") and for "all" labels, plus a
//      control that adds a label after every span the way CSS ::after decorations did (not laid out by VS Code);
//   2. takes screenshots in Light Modern, Dark Modern and Default High Contrast into media/screenshots/ (README).
// Everything is driven by keys as a user presses them: Ctrl+P to open the article, Ctrl+Alt+N / Ctrl+Alt+A to go
// to suggestions and accept them, PageDown to scroll. Exits 1 when the default shows any overflowing line.
// Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk). Options: --no-screenshots.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchChromium, makeRunDir, startCodeServer } from './codeServer';
import { REPO_ROOT } from './hostPaths';

const ARTICLE = 'regional-page.txt';
const WIDTHS = [900, 1280, 1600, 1920];
const SHOTS: { file: string; theme: string; cls: string }[] = [
  { file: 'light.png', theme: 'Light Modern', cls: 'vs' },
  { file: 'dark.png', theme: 'Dark Modern', cls: 'vs-dark' },
  { file: 'high-contrast.png', theme: 'Dark High Contrast', cls: 'hc-black' },
];

/** A long page of regional news (5,246 characters): the sample corpus's three articles, three times over in different orders. */
function writeWorkspace(dir: string): void {
  const corpus = path.join(REPO_ROOT, 'test', 'fixtures', 'corpus');
  const articles = ['hangzhou-industry.news', 'suzhou-park-exports.txt', '2023-06-18-wenzhou-investment.txt'].map((f) =>
    fs.readFileSync(path.join(corpus, f), 'utf8').replace(/\r\n/g, '\n').trim(),
  );
  const page = [0, 1, 2].flatMap((round) => [0, 1, 2].map((i) => articles[(i + round) % 3])).join('\n\n');
  fs.writeFileSync(path.join(dir, ARTICLE), `${page}\n`);
}

function writeSettings(userDir: string, settings: Record<string, unknown>): void {
  const file = path.join(userDir, 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** Picks `choice` in the open quick pick: types it, waits until it is the focused row, presses Enter. */
async function pick(page: Page, choice: string): Promise<void> {
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(choice);
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: choice });
  await row.first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
}

/** Runs a command from the Command Palette (Ctrl+Shift+P) by its title, then picks `choice` in its quick pick. */
async function palette(page: Page, title: string, choice?: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await pick(page, title);
  if (choice !== undefined) await pick(page, choice);
}

/** The colour theme picker (Ctrl+K Ctrl+T), then the theme. */
async function colourTheme(page: Page, theme: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await pick(page, theme);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The text of the News Annotator tagging status item ("3 tags · 40 suggestions · not reviewed"). */
function taggingStatus(page: Page): Promise<string | undefined> {
  return page.evaluate(`(() => {
    const items = [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent || '');
    return items.find((t) => /\\d+ tags · \\d+ suggestions/.test(t));
  })()`);
}

interface LineMeasure {
  top: string;
  over: number;
}

/**
 * For every rendered line of the active editor: how far (px) its text, decorations and labels reach past the wrapping
 * edge (the minimap's left edge, else the vertical scrollbar's). Runs in the page (the project compiles without DOM
 * types, hence the string).
 */
const MEASURE_SCREEN = `(() => {
  const editor = document.querySelector('.editor-group-container.active .monaco-editor') || document.querySelector('.monaco-editor');
  if (!editor) return [];
  const bounds = editor.querySelector('.monaco-scrollable-element.editor-scrollable').getBoundingClientRect();
  const scrollbar = editor.querySelector('.scrollbar.vertical');
  let limit = bounds.right - (scrollbar ? scrollbar.getBoundingClientRect().width : 14);
  const minimap = editor.querySelector('.minimap');
  if (minimap && minimap.getBoundingClientRect().width > 0) limit = Math.min(limit, minimap.getBoundingClientRect().left);
  return [...editor.querySelectorAll('.view-lines .view-line')].map((line) => {
    let right = 0;
    for (const span of line.querySelectorAll('span')) {
      const r = span.getBoundingClientRect();
      if (r.width > 0) right = Math.max(right, r.right);
    }
    return { top: line.style.top, over: right - limit };
  });
})()`;

function measureScreen(page: Page): Promise<LineMeasure[]> {
  return page.evaluate(MEASURE_SCREEN);
}

/** Scrolls the active editor from top to bottom with PageDown; the overflow (px) of every line, once per line. */
async function measureDocument(page: Page): Promise<number[]> {
  await page.keyboard.press('Control+Home');
  await page.waitForTimeout(400);
  const lines = new Map<string, number>();
  let unchanged = 0;
  while (unchanged < 2) {
    const before = lines.size;
    for (const m of await measureScreen(page)) lines.set(m.top, Math.max(lines.get(m.top) ?? -Infinity, m.over));
    unchanged = lines.size === before ? unchanged + 1 : 0;
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(250);
  }
  return [...lines.values()];
}

async function main(): Promise<number> {
  const takeShots = !process.argv.includes('--no-screenshots');
  const { runDir: workRun } = makeRunDir('screenshots-workspace');
  const workspace = path.join(workRun, 'page');
  fs.mkdirSync(workspace);
  writeWorkspace(workspace);
  const server = await startCodeServer({ workspace, label: 'screenshots' });
  const userDir = path.join(server.runDir, 'user-data', 'User');
  writeSettings(userDir, {
    'workbench.colorTheme': 'Light Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.fontSize': 15,
  });
  const browser = await launchChromium(server.env);
  let failed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${REPO_ROOT}`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForTimeout(3000);

    // open the article with Quick Open
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(ARTICLE);
    await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.editor-group-container.active .view-lines .view-line', { timeout: 30_000 });
    const status = await waitFor('the article analysed (tagging status item)', async () => {
      const s = await taggingStatus(page);
      return s && !/ 0 suggestions/.test(s) ? s : undefined;
    }, 120_000);
    console.log(`[screenshots] ${ARTICLE}: ${status.trim()}`);

    // confirm a few suggestions with the keys: next suggestion, accept
    await page.click('.editor-group-container.active .view-lines');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Control+Alt+N');
      await page.waitForTimeout(250);
      if (i % 3 === 2) continue; // leave every third one a suggestion
      await page.keyboard.press('Control+Alt+A');
      await page.waitForTimeout(350);
    }
    console.log(`[screenshots] after accepting with the keys: ${(await taggingStatus(page))?.trim()}`);

    // overflow: the default, "all" labels, and the control with ::after labels
    const results: string[] = [];
    const measure = async (mode: string, width: number, control = false) => {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(1200);
      const overs = await measureDocument(page);
      const bad = overs.filter((o) => o > 0.5);
      const line = `${mode.padEnd(26)} width ${String(width).padStart(4)} px: ${bad.length} of ${overs.length} lines overflow${bad.length ? ` (up to ${Math.max(...bad).toFixed(0)} px)` : ''}`;
      results.push(line);
      console.log(`[overflow] ${line}`);
      if (mode === 'colour (default)' && !control && bad.length > 0) failed = true;
      return bad.length;
    };
    for (const width of WIDTHS) await measure('colour (default)', width);
    await palette(page, 'Choose How Labels Are Shown', 'All labels');
    await page.waitForTimeout(2000);
    for (const width of WIDTHS) await measure('all labels (inlay hints)', width);
    await palette(page, 'Choose How Labels Are Shown', 'Colour only');
    await page.waitForTimeout(1500);
    // control: a label written after every coloured span with CSS ::after, as the decorations did before
    await page.addStyleTag({ content: '.monaco-editor .view-line span[class*="ced-"]::after { content: "CARDINAL"; font-size: 0.7em; margin: 0 0.3em 0 0.15em; }' });
    const control = await measure('control: ::after labels', 1280, true);
    if (control === 0) {
      console.error('[overflow] the control shows no overflow: the measurement does not see labels, its zeros prove nothing');
      failed = true;
    }
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await waitFor('the article again', async () => (await taggingStatus(page)) ?? undefined, 120_000);

    if (takeShots) {
      const outDir = path.join(REPO_ROOT, 'media', 'screenshots');
      fs.mkdirSync(outDir, { recursive: true });
      await page.setViewportSize({ width: 1100, height: 640 });
      // the News Annotator views in their own activity-bar container
      await page.click('.activitybar .action-item a[aria-label^="News Annotator"]').catch(() => undefined);
      await page.click('.editor-group-container.active .view-lines');
      await page.keyboard.press('Control+Home');
      // a view of the article's body (the headline, header lines and the first paragraphs)
      for (const shot of SHOTS) {
        await colourTheme(page, shot.theme);
        await waitFor(`the ${shot.theme} theme`, () => page.evaluate(`document.querySelector('.monaco-workbench').classList.contains('${shot.cls}')`) as Promise<boolean>, 20_000);
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1500);
        const file = path.join(outDir, shot.file);
        await page.screenshot({ path: file });
        console.log(`[screenshots] ${path.relative(REPO_ROOT, file)} (${shot.theme}): ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
      }
    }
    console.log(`[overflow] summary:\n  ${results.join('\n  ')}`);
  } catch (err) {
    failed = true;
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) {
      await pages[0].screenshot({ path: path.join(server.runDir, 'failure.png') }).catch(() => undefined);
      const items = await pages[0].evaluate(`[...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent).join(' | ')`).catch(() => '');
      console.error(`[screenshots] status bar: ${items}\n[screenshots] ${path.join(server.runDir, 'failure.png')}`);
    }
    throw err;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (!failed) {
      fs.rmSync(server.runDir, { recursive: true, force: true });
      fs.rmSync(workRun, { recursive: true, force: true });
    }
  }
  console.log(failed ? 'screenshots: FAILED' : 'screenshots: default shows 0 overflowing lines');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[screenshots] ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
