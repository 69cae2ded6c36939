// Runs against the extension installed from the .vsix (the launcher's second run sets
// NEWS_ANNOTATOR_INSTALLED_EXTENSIONS to the extensions folder it installed into): the packaged extension is the one
// loaded, it carries its native and data files, activates, and its server recognises figures, dates and entities.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { NewsAnnotatorApi } from '../../client/src/extension';
import { AnalysisRequest, AnalysisResponse } from '../../server/src/lsp/protocol';

const EXTENSION_ID = 'news-annotator.news-annotator';
const installedIn = process.env.NEWS_ANNOTATOR_INSTALLED_EXTENSIONS;

(installedIn ? describe : describe.skip)('the extension installed from the .vsix', function () {
  this.timeout(120_000);

  it('is loaded from the extensions folder, not from the source tree', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const relative = path.relative(path.resolve(installedIn!), extension.extensionPath);
    assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), `${extension.extensionPath} is inside ${installedIn}`);
  });

  it('ships its bundles (the entity worker and piscina too), grammar, translations, the entity model and the word lexicon, and no native addon', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const file of [
      'dist/client/extension.js',
      'dist/server/server.js',
      // the server's entity worker thread and the pool that starts it (external to the bundle)
      'dist/server/entityWorker.js',
      // the diagnostics worker thread
      'dist/server/checkWorker.js',
      // the worker thread that adapts the entity model to the workspace's tags
      'dist/server/learningWorker.js',
      'node_modules/piscina/dist/worker.js',
      'syntaxes/news-article.tmLanguage.json',
      'media/news-annotator.svg',
      'package.nls.zh-cn.json',
      'client/l10n/bundle.l10n.zh-cn.json',
      'server/models/ner-msra.bin',
      // jieba's dictionary and HMM for the entity features, read by server/src/segmentation
      'server/models/jieba-lexicon.bin',
    ]) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is in the installed extension`);
    }
    assert.ok(!fs.existsSync(path.join(root, 'server', 'src')), 'sources stay out of the package');
    // nodejieba is a devDependency (the reference in tests and benchmarks): neither it nor any .node file ships
    assert.ok(!fs.existsSync(path.join(root, 'node_modules', 'nodejieba')), 'nodejieba stays out of the package');
    const natives: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.node')) natives.push(path.join(dir, e.name));
      }
    };
    walk(root);
    assert.deepEqual(natives, [], 'no native addon in the package');
    assert.ok(!fs.existsSync(path.join(root, 'dist', 'test')), 'test bundles stay out of the package');
  });

  it('activates and analyses an article: dates, figures and entities (the word lexicon loads in the extension host)', async () => {
    const extension = vscode.extensions.getExtension<NewsAnnotatorApi>(EXTENSION_ID)!;
    const api = await extension.activate();
    await api.ready;
    assert.equal(extension.isActive, true);
    const folder = vscode.workspace.workspaceFolders![0];
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'hangzhou-industry.news'));
    await vscode.window.showTextDocument(document);
    const deadline = Date.now() + 60_000;
    let analysis: AnalysisResponse | undefined;
    let lastError = '';
    for (;;) {
      // By method name: this test bundle holds its own copy of vscode-jsonrpc, whose RequestType objects the
      // extension's client does not recognise ("Unknown parameter structure auto").
      analysis = await api.client.sendRequest<AnalysisResponse>(AnalysisRequest.method, { uri: document.uri.toString() }).catch((e) => {
        lastError = String(e?.message ?? e);
        return undefined;
      });
      const labels = new Set(analysis?.spans.map((s) => s.label));
      if (labels.has('DATE') && labels.has('MONEY') && (labels.has('ORG') || labels.has('LOC') || labels.has('PER'))) break;
      if (Date.now() > deadline) assert.fail(`labels found: ${[...labels].join(', ')}${lastError ? `; last error: ${lastError}` : ''}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(analysis!.dct.source, 'header');
  });
});
