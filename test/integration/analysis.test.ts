// The extension in a real VS Code: articles open in the News Annotator language, figures and dates come back as
// semantic tokens, hovers show normalised values and the document date with its source, and the per-file
// document date can be set and cleared. The workspace is a copy of test/fixtures/corpus made by the launcher.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { NewsAnnotatorApi } from '../../client/src/extension';
import { AnalysisRequest, AnalysisResponse, DocumentDateInfo } from '../../server/src/lsp/protocol';
import { EXTENSION_ID, activateExtension, poller, workspaceFolder } from './extensionHarness';
import { DEFAULT_THEMES, coloursForTokenTypes, loadThemeRules } from './themeColours';

const until = poller(150);

interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
  text: string;
}

function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder('the launcher opens the sample corpus as the workspace').uri, name);
}

function api(): Promise<NewsAnnotatorApi> {
  return activateExtension();
}

async function openArticle(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  // .txt articles are switched to the news-article language by the extension
  return until(`${name} in the news-article language`, () => {
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.uri.toString());
    return current?.languageId === 'news-article' ? current : undefined;
  });
}

async function semanticTokens(document: vscode.TextDocument, predicate: (tokens: DecodedToken[]) => boolean = (t) => t.length > 0): Promise<DecodedToken[]> {
  const legend = await until('the semantic tokens legend', () =>
    vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri),
  );
  return until('semantic tokens', async () => {
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
    if (!tokens) return undefined;
    const decoded: DecodedToken[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [deltaLine, deltaChar, length, type, mods] = tokens.data.slice(i, i + 5);
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaChar : deltaChar;
      const start = new vscode.Position(line, character);
      decoded.push({
        line,
        character,
        length,
        type: legend.tokenTypes[type],
        modifiers: legend.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0),
        text: document.getText(new vscode.Range(start, start.translate(0, length))),
      });
    }
    return predicate(decoded) ? decoded : undefined;
  });
}

/** The hover text at the first occurrence of `needle` (plus `offset` UTF-16 units into it). */
async function hoverText(document: vscode.TextDocument, needle: string, offset = 0): Promise<string> {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `"${needle}" occurs in ${path.basename(document.uri.fsPath)}`);
  const position = document.positionAt(index + offset);
  return until(`a hover on "${needle}"`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = (hovers ?? [])
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n')
      // hovers are Markdown: undo the escaping for comparisons
      .replace(/\\([\\`*_[\]<>|~#+\-.])/g, '$1');
    return text.trim() ? text : undefined;
  });
}

function manifest(): { contributes: { semanticTokenScopes: Array<{ scopes: Record<string, string[]> }> } } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return extension.packageJSON;
}

describe('News Annotator in a real VS Code', function () {
  this.timeout(120_000);

  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens .news files and Chinese .txt articles in the News Article language, and leaves an English README alone', async () => {
    const news = await openArticle('hangzhou-industry.news');
    assert.equal(news.languageId, 'news-article');
    const txt = await openArticle('2023-06-18-wenzhou-investment.txt');
    assert.equal(txt.languageId, 'news-article');
    const readme = await vscode.workspace.openTextDocument(workspaceFile('README.txt'));
    await vscode.window.showTextDocument(readme);
    await new Promise((r) => setTimeout(r, 1000));
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === readme.uri.toString());
    assert.equal(current?.languageId, 'plaintext');
  });

  it('says so when a .txt file is not UTF-8 (GB18030) instead of treating mojibake as an article', async () => {
    const exports = await api();
    const source = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'encodings', 'gb18030.txt');
    const target = workspaceFile('gb18030-article.txt');
    fs.copyFileSync(source, target.fsPath);
    const before = fs.readFileSync(target.fsPath);
    const document = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(document);
    await until('the encoding report', () => (exports.articles.misDecoded.has(target.toString()) ? true : undefined));
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    assert.equal(current?.languageId, 'plaintext');
    assert.deepEqual(fs.readFileSync(target.fsPath), before, 'the file is untouched');
  });

  it('leaves a .txt article alone once the user switches it back to plain text', async () => {
    const article = await openArticle('suzhou-park-exports.txt');
    const plain = await vscode.languages.setTextDocumentLanguage(article, 'plaintext');
    await new Promise((r) => setTimeout(r, 1500));
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === plain.uri.toString());
    assert.equal(current?.languageId, 'plaintext');
    await vscode.languages.setTextDocumentLanguage(plain, 'news-article'); // as the later tests expect
  });

  it('returns a semantic token per recognised date with the suggestion modifier, at UTF-16 positions', async () => {
    const document = await openArticle('hangzhou-industry.news');
    const tokens = await semanticTokens(document, (t) => t.some((x) => x.type === 'newsTime'));
    const byText = (text: string) => tokens.find((t) => t.text === text);
    assert.equal(byText('二季度以来')?.type ?? byText('二季度')?.type, 'newsDate', JSON.stringify(tokens.slice(0, 20)));
    assert.equal(byText('6月19日上午9时30分')?.type, 'newsTime', 'a date with its time of day is one TIME span');
    assert.equal(byText('两天')?.type, 'newsDuration');
    assert.ok(tokens.every((t) => t.modifiers.includes('suggestion')), 'machine output carries the suggestion modifier');
    // Each token covers exactly the text of a span the server found (code points → UTF-16 survives the astral 𠮷).
    const analysis = await (await api()).client.sendRequest<AnalysisResponse>(AnalysisRequest.method, { uri: document.uri.toString() });
    assert.deepEqual(
      tokens.map((t) => t.text),
      analysis.spans.map((s) => s.text),
    );
    assert.ok(document.getText().includes('𠮷'));
  });

  it('colours figures: money, percent and counts, including one after an astral character', async () => {
    const document = await openArticle('hangzhou-industry.news');
    const tokens = await semanticTokens(document, (t) => t.some((x) => x.type === 'newsMoney'));
    const types = new Map(tokens.map((t) => [t.text, t.type]));
    assert.equal(types.get('2345.6亿元'), 'newsMoney');
    assert.equal(types.get('8.2%'), 'newsPercent');
    const afterAstral = tokens.find((t) => t.text === '20家');
    assert.ok(afterAstral, `a token for 20家 after 𠮷 in ${JSON.stringify(tokens.map((t) => t.text))}`);
    assert.equal(afterAstral.type, 'newsCardinal');
  });

  it('hovers a figure with its normalised value and unit', async () => {
    const document = await openArticle('hangzhou-industry.news');
    const money = await hoverText(document, '2345.6亿元', 1);
    assert.match(money, /MONEY/);
    assert.match(money, /234,560,000,000 CNY/);
    const approx = await hoverText(document, '约600亿元', 2);
    assert.match(approx, /about 60,000,000,000 CNY/);
    const percent = await hoverText(document, '12.5%', 1);
    assert.match(percent, /0\.125 \(12\.5%\)/);
  });

  it('hovers an entity with its type, confidence and the number of other mentions of the same text', async () => {
    const document = await openArticle('hangzhou-industry.news');
    const analysis = await until('an entity in the analysis', async () => {
      const result = await (await api()).client.sendRequest<AnalysisResponse>(AnalysisRequest.method, { uri: document.uri.toString() });
      return result.spans.some((s) => s.label === 'LOC' || s.label === 'ORG' || s.label === 'PER') ? result : undefined;
    });
    const entity = analysis.spans.find((s) => s.label === 'LOC' || s.label === 'ORG' || s.label === 'PER')!;
    const text = document.getText();
    const at = document.positionAt([...text].slice(0, entity.start).join('').length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const hover = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(hover, new RegExp(`\\*\\*${entity.label}\\*\\*`));
    assert.match(hover, /confidence \d+%/);
    const others = text.split(entity.text).length - 2;
    assert.match(hover, others === 1 ? /1 other mention in this document/ : new RegExp(`${others} other mentions in this document`));
  });

  it('hovers a date with its TIMEX3 value, calendar range and the document date with its source', async () => {
    const header = await openArticle('hangzhou-industry.news');
    const quarter = await hoverText(header, '一季度', 1);
    assert.match(quarter, /DATE/);
    assert.match(quarter, /2023-Q1 \(2023-01-01 – 2023-03-31\)/);
    assert.match(quarter, /Document date 2023-06-18 — from the metadata header/);

    const byName = await openArticle('2023-06-18-wenzhou-investment.txt');
    const lastYear = await hoverText(byName, '去年', 0);
    assert.match(lastYear, /2022 \(2022-01-01 – 2022-12-31\)/);
    assert.match(lastYear, /Document date 2023-06-18 — from the file name/);

    const byText = await openArticle('suzhou-park-exports.txt');
    const secondQuarter = await hoverText(byText, '二季度', 1);
    assert.match(secondQuarter, /2024-Q2 \(2024-04-01 – 2024-06-30\)/);
    assert.match(secondQuarter, /Document date 2024-04-12 — from the text/);
  });

  it('shows the document date in the status bar and sets it per file, stored in .news-annotator/document-dates.json', async () => {
    const exports = await api();
    const document = await openArticle('2023-06-18-wenzhou-investment.txt');
    const shown = await until('the status item for the active article', () => {
      const current = exports.status.current;
      return current?.uri === document.uri.toString() ? current : undefined;
    });
    assert.equal(shown.date, '2023-06-18');
    assert.equal(shown.source, 'filename');
    assert.match(exports.status.item.text, /2023-06-18/);
    assert.equal(exports.status.item.command, 'newsAnnotator.setDocumentDate');

    const set = await vscode.commands.executeCommand<DocumentDateInfo>('newsAnnotator.setDocumentDate', document.uri, '2024-01-10');
    assert.equal(set?.date, '2024-01-10');
    assert.equal(set?.source, 'explicit');
    assert.equal(set?.origin, 'file');
    const store = JSON.parse(fs.readFileSync(set!.storeFile, 'utf8'));
    assert.deepEqual(store.dates, { '2023-06-18-wenzhou-investment.txt': '2024-01-10' });
    assert.equal(path.relative(vscode.workspace.workspaceFolders![0].uri.fsPath, set!.storeFile), path.join('.news-annotator', 'document-dates.json'));
    await until('the status item to show the new date', () => (/2024-01-10/.test(exports.status.item.text) ? true : undefined));
    const lastYear = await until('a hover resolved against the new date', async () => {
      const text = await hoverText(document, '去年', 0);
      return /2023 \(/.test(text) ? text : undefined;
    });
    assert.match(lastYear, /Document date 2024-01-10 — set for this file/);

    const cleared = await vscode.commands.executeCommand<DocumentDateInfo>('newsAnnotator.setDocumentDate', document.uri, '');
    assert.equal(cleared?.source, 'filename');
    assert.equal(cleared?.date, '2023-06-18');
    assert.deepEqual(JSON.parse(fs.readFileSync(set!.storeFile, 'utf8')).dates, {});
  });

  it('rejects a malformed date with a clear message and keeps the stored dates', async () => {
    const document = await openArticle('suzhou-park-exports.txt');
    const result = await vscode.commands.executeCommand<DocumentDateInfo | undefined>('newsAnnotator.setDocumentDate', document.uri, '2024-02-30');
    assert.equal(result, undefined);
    const info = await (await api()).client.sendRequest<DocumentDateInfo>('newsAnnotator/documentDate', { uri: document.uri.toString() });
    assert.equal(info.source, 'text');
  });

  it('follows the settings: label groups switched off disappear, a document date setting anchors relative dates', async () => {
    const document = await openArticle('suzhou-park-exports.txt');
    const config = vscode.workspace.getConfiguration('newsAnnotator', document.uri);
    await semanticTokens(document, (t) => t.some((x) => x.type === 'newsMoney') && t.some((x) => x.type === 'newsDate'));
    try {
      await config.update('labels.enabled', { figures: false, dates: true, entities: true }, vscode.ConfigurationTarget.Workspace);
      const tokens = await semanticTokens(document, (t) => !t.some((x) => x.type === 'newsMoney' || x.type === 'newsPercent'));
      assert.ok(tokens.some((t) => t.type === 'newsDate'), 'dates stay when only figures are switched off');

      await config.update('documentDate', '2030-05-01', vscode.ConfigurationTarget.Workspace);
      const hover = await until('a hover resolved against the setting', async () => {
        const text = await hoverText(document, '二季度', 1);
        return /2030-Q2/.test(text) ? text : undefined;
      });
      assert.match(hover, /Document date 2030-05-01 — from the setting newsAnnotator\.documentDate/);
    } finally {
      await config.update('labels.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('documentDate', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await semanticTokens(document, (t) => t.some((x) => x.type === 'newsMoney'));
  });

  it('restarts the language server and serves tokens again', async () => {
    const document = await openArticle('suzhou-park-exports.txt');
    await semanticTokens(document);
    await vscode.commands.executeCommand('newsAnnotator.restartServer');
    const tokens = await semanticTokens(document);
    assert.ok(tokens.some((t) => t.type === 'newsDate'), 'date tokens after the restart');
  });

  it('gives every label a distinct colour in the default light and dark themes', () => {
    const scopes = manifest().contributes.semanticTokenScopes[0].scopes;
    const themesDir = path.join(vscode.env.appRoot, 'extensions', 'theme-defaults', 'themes');
    let checked = 0;
    for (const theme of DEFAULT_THEMES) {
      const file = path.join(themesDir, theme);
      if (!fs.existsSync(file)) continue;
      const colours = coloursForTokenTypes(loadThemeRules(file), scopes);
      for (const [type, colour] of Object.entries(colours)) assert.ok(colour, `${theme} colours ${type}`);
      assert.equal(new Set(Object.values(colours)).size, Object.keys(colours).length, `${theme}: ${JSON.stringify(colours)}`);
      checked++;
    }
    assert.ok(checked >= 4, `found the default themes in ${themesDir}`);
  });
});
