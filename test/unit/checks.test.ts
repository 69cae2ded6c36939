import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { checkDocument, CheckOptions, Finding, RULES, RuleId } from '../../server/src/checks';
import { AnalysisResult, DocumentDate, Span } from '../../server/src/core/types';
import { TAG_RULES } from '../../server/src/checks/tagIntegrity';
import { isChineseLocale, normaliseDiagnosticsSettings, toDiagnostics } from '../../server/src/lsp/diagnostics';

const root = path.join(__dirname, '..', '..');

/** An analysis with the given entity/date spans (offsets located by text), so these tests do not depend on the recognisers. */
function analysis(text: string, spans: { label: Span['label']; text: string; timex?: string }[] = [], dct: DocumentDate = { source: 'none' }): AnalysisResult {
  const cps = [...text];
  return {
    dct,
    spans: spans.map((s) => {
      const at = text.indexOf(s.text);
      assert.ok(at >= 0, `${s.text} not in fixture`);
      const start = [...text.slice(0, at)].length;
      return { ...s, start, end: start + [...s.text].length, text: cps.slice(start, start + [...s.text].length).join('') };
    }),
  };
}

function check(text: string, a: AnalysisResult = analysis(text), options?: CheckOptions): Finding[] {
  return checkDocument(text, a, options);
}

/** [rule, the finding's text as a code-point slice] for every finding. */
function found(text: string, findings: Finding[]): [RuleId, string][] {
  const cps = [...text];
  return findings.map((f) => [f.rule, cps.slice(f.start, f.end).join('')]);
}

const only = (rule: RuleId, text: string, a?: AnalysisResult) => found(text, check(text, a).filter((f) => f.rule === rule));

test('figure-malformed: two decimal points, bad grouping, mixed widths, 百分之 with %, mixed Chinese/Arabic digits', () => {
  const text = '营收3.5.2亿元，人口1,20,000人，增长２0２3件，占百分之15%，二0二三年，投资3千5百万元。';
  assert.deepEqual(only('figure-malformed', text), [
    ['figure-malformed', '3.5.2'],
    ['figure-malformed', '1,20,000'],
    ['figure-malformed', '２0２3'],
    ['figure-malformed', '百分之15%'],
    ['figure-malformed', '二0二三'],
    ['figure-malformed', '3千5百万'],
  ]);
});

test('figure-malformed: well-formed figures and touching numbers are not flagged', () => {
  for (const text of [
    '营收3.5亿元，人口1,200,000人，增长１２．５％，占百分之十五，二〇二三年，3000万元。',
    '版本号1.2.3发布，第1,2,3条，2008,2009年。', // a version number, lists
    '他用1小时零10分钟走完全程，周五119一位，第69三个镜头，1997三年间。', // numbers that merely touch
    '5时零3分到达，G20一揽子计划。',
  ]) {
    assert.deepEqual(only('figure-malformed', text), [], text);
  }
});

test('date-invalid: 2月30日, month 13, 29 February of a common year; valid and lunar dates pass', () => {
  const text = '2月30日发布。2023年13月5日。2023-02-29上线。6月31日。';
  assert.deepEqual(only('date-invalid', text), [
    ['date-invalid', '2月30日'],
    ['date-invalid', '2023年13月5日'],
    ['date-invalid', '2023-02-29'],
    ['date-invalid', '6月31日'],
  ]);
  const ok = '2024年2月29日，2月28日，十二月三十一日，农历二月三十日，1997年七八月间，13个月，3月40号文件。';
  assert.deepEqual(only('date-invalid', ok), []);
});

test('date-weekday-mismatch: a written year is checked; without one only a given document date supplies it', () => {
  const text = '2023年6月18日（星期三）举行，2023年6月19日（星期一）闭幕，2023-06-20 周二发布。';
  const f = check(text).filter((x) => x.rule === 'date-weekday-mismatch');
  assert.deepEqual(found(text, f), [['date-weekday-mismatch', '2023年6月18日（星期三）']]);
  assert.match(f[0].message, /Sunday, not a Wednesday/);
  assert.match(f[0].messageZh, /星期日，不是星期三/);
  assert.deepEqual(found(text, f[0].related!.map((r) => ({ ...f[0], ...r }))), [['date-weekday-mismatch', '星期三']]);

  const noYear = '6月18日（周三）下午开会。';
  const dateSpan = [{ label: 'DATE' as const, text: '6月18日', timex: '2023-06-18' }];
  assert.deepEqual(only('date-weekday-mismatch', noYear, analysis(noYear, dateSpan, { date: '2023-06-18', source: 'filename' })), [
    ['date-weekday-mismatch', '6月18日（周三）'],
  ]);
  // a document date guessed from the text is not trusted for the year
  assert.deepEqual(only('date-weekday-mismatch', noYear, analysis(noYear, dateSpan, { date: '2023-06-18', source: 'text' })), []);
  // 2024-06-18 is a Tuesday: no finding when the document date says 2024 and the text says 周二
  const tue = '6月18日（周二）下午开会。';
  assert.deepEqual(only('date-weekday-mismatch', tue, analysis(tue, [{ label: 'DATE', text: '6月18日', timex: '2024-06-18' }], { date: '2024-06-18', source: 'explicit' })), []);
});

test('range-reversed: larger value first is flagged; changes over time, scores, year shorthands and compound measures are not', () => {
  const text = '增幅在30%—20%之间，投资50至30万元，人数100到50人，同比增长15%—10%。';
  assert.deepEqual(only('range-reversed', text), [
    ['range-reversed', '30%—20%'],
    ['range-reversed', '50至30万元'],
    ['range-reversed', '100到50人'],
    ['range-reversed', '15%—10%'], // 同比 is year-on-year, not 比 as "from"
  ]);
  const ok = '增幅在20%—30%之间，从30%至20%，由100到50人，1998—99年，比分3-1，身高1米80到1米90，70-20万年前，距今70-20万年，3万-5万元，降到目前的1/10至1%。';
  assert.deepEqual(only('range-reversed', ok), []);
});

test('entity variants: width, script, space and bracket spellings of one name; the minority spelling is flagged', () => {
  const text =
    '张伟说，张伟表示，張偉补充。ＩＢＭ公司与IBM公司、IBM公司合作。李明在北京，李明说，李 明说。' +
    '杭州海康威视数字技术（苏州）有限公司与杭州海康威视数字技术(苏州)有限公司。杭州海康威视数字技术（苏州）有限公司成立。';
  const a = analysis(text, [
    { label: 'PER', text: '张伟' },
    { label: 'ORG', text: 'IBM公司' },
    { label: 'PER', text: '李明' },
    { label: 'ORG', text: '杭州海康威视数字技术（苏州）有限公司' },
  ]);
  const findings = check(text, a).filter((f) => f.rule.startsWith('entity-'));
  assert.deepEqual(found(text, findings), [
    ['entity-script-variant', '張偉'],
    ['entity-width-variant', 'ＩＢＭ公司'],
    ['entity-space-variant', '李 明'],
    ['entity-bracket-variant', '杭州海康威视数字技术(苏州)有限公司'],
  ]);
  // related information points at the first occurrence of the house spelling
  const script = findings[0];
  assert.equal(script.related?.length, 1);
  assert.equal([...text].slice(script.related![0].start, script.related![0].end).join(''), '张伟');
  assert.equal(script.related![0].start, 0);
  assert.match(script.messageZh, /張偉.*张伟/);
});

test('entity variants: on a tie the standard spelling (simplified, no space, full-width brackets) is the house one', () => {
  const text = '張偉说，李 明说。张伟表示，李明表示。';
  const a = analysis(text, [{ label: 'PER', text: '张伟' }, { label: 'PER', text: '李明' }]);
  assert.deepEqual(found(text, check(text, a)), [
    ['entity-script-variant', '張偉'],
    ['entity-space-variant', '李 明'],
  ]);
});

test('entity variants: a typeset byline with a space is allowed; one spelling throughout is fine', () => {
  const byline = '（记者 李 明）李明在北京报道。李明说。';
  assert.deepEqual(found(byline, check(byline, analysis(byline, [{ label: 'PER', text: '李明' }]))), []);
  const same = '张伟说，张伟表示。IBM公司与IBM公司合作。';
  assert.deepEqual(found(same, check(same, analysis(same, [{ label: 'PER', text: '张伟' }, { label: 'ORG', text: 'IBM公司' }]))), []);
});

test('date-format-mixed: the less used full-date format is flagged; a metadata header line is not counted', () => {
  const text = '日期：2023-06-18\n2023年6月18日开会，2023年6月19日结束，2023-06-20发布。';
  const f = check(text).filter((x) => x.rule === 'date-format-mixed');
  assert.deepEqual(found(text, f), [['date-format-mixed', '2023-06-20']]);
  assert.equal(f[0].severity, 'info');
  assert.deepEqual(found(text, check('2023年6月18日开会，2023年6月19日结束。')), []);
});

test('offsets are code points: findings after astral characters', () => {
  const text = '𠮷𪚥报道：营收3.5.2亿元，𠮷2月30日。';
  const f = check(text);
  assert.deepEqual(found(text, f), [
    ['figure-malformed', '3.5.2'],
    ['date-invalid', '2月30日'],
  ]);
  assert.equal(f[0].start, 7);
  assert.equal(f[1].start, 16);
});

test('rule settings: off removes a rule, a severity overrides the default, unknown ids are ignored', () => {
  const text = '营收3.5.2亿元，2月30日。';
  assert.deepEqual(check(text, analysis(text), { rules: { 'figure-malformed': 'off' } }).map((f) => f.rule), ['date-invalid']);
  const f = check(text, analysis(text), { rules: { 'date-invalid': 'info', 'no-such-rule': 'error' } });
  assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['figure-malformed', 'error'], ['date-invalid', 'info']]);
  for (const r of RULES) assert.ok(r.description && r.descriptionZh, r.id);
});

test('diagnostics: UTF-16 ranges, code = rule id, source, related information, Chinese for zh locales', () => {
  const text = '标题\n𠮷张伟说，張偉补充。';
  const doc = TextDocument.create('file:///a.news', 'news-article', 1, text);
  const findings = check(text, analysis(text, [{ label: 'PER', text: '张伟' }]));
  const [d] = toDiagnostics(doc, findings, false);
  assert.equal(d.code, 'entity-script-variant');
  assert.equal(d.source, 'News Annotator');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(d.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 8 } });
  assert.deepEqual(d.relatedInformation![0].location.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } });
  assert.match(String(toDiagnostics(doc, findings, true)[0].message), /在本文其他地方写作/);
  assert.ok(isChineseLocale('zh-cn') && isChineseLocale('zh-TW') && isChineseLocale('zh'));
  assert.ok(!isChineseLocale('en') && !isChineseLocale(undefined) && !isChineseLocale('zu'));
});

test('diagnostics settings: defaults, per-rule severities, bad values dropped', () => {
  assert.deepEqual(normaliseDiagnosticsSettings(undefined), { enable: true, rules: {} });
  assert.deepEqual(normaliseDiagnosticsSettings({ enable: false, rules: { 'date-invalid': 'off', 'range-reversed': 'loud', bogus: 'error' } }), {
    enable: false,
    rules: { 'date-invalid': 'off' },
  });
});

test('package.json declares a severity setting for every rule, described in both languages', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['newsAnnotator.diagnostics.enable'].default, true);
  const rules = props['newsAnnotator.diagnostics.rules'].properties;
  // the Diagnose rules on the text and the tag-integrity rules of the editor's tagging state
  const all = [...RULES, ...TAG_RULES];
  assert.deepEqual(Object.keys(rules).sort(), all.map((r) => r.id).sort());
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
    for (const r of all) {
      assert.equal(rules[r.id].default, r.defaultSeverity);
      assert.ok(nls[rules[r.id].description.slice(1, -1)], `${file}: ${r.id}`);
    }
  }
});

test('CLI check: file:line:col lines, JSON with code-point offsets, exit 1 on errors and 0 when only warnings', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'na-check-'));
  const file = path.join(tmp, 'article.news');
  fs.writeFileSync(file, '日期：2023-06-18\n𠮷𠮷2023年6月18日（星期三）举行，营收3.5.2亿元。\n增幅30%—20%。\n');
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/cli/cli.ts'), 'check', ...args], { cwd: root, encoding: 'utf-8' });

  const text = cli([file]);
  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, new RegExp(`^${escape(file)}:2:3: error \\[date-weekday-mismatch\\] 2023-06-18 is a Sunday, not a Wednesday$`, 'm'));
  assert.match(text.stdout, new RegExp(`^${escape(file)}:2:23: error \\[figure-malformed\\]`, 'm'));
  assert.match(text.stdout, new RegExp(`^${escape(file)}:3:3: warning \\[range-reversed\\]`, 'm'));

  const json = cli(['--format', 'json', '--lang', 'zh', file]);
  const out = JSON.parse(json.stdout.trim());
  assert.equal(out.dct, '2023-06-18');
  const figure = out.findings.find((f: any) => f.rule === 'figure-malformed');
  assert.deepEqual([figure.start, figure.end, figure.line, figure.column], [36, 41, 2, 23]);

  const warningsOnly = cli(['--rule', 'figure-malformed=off', '--rule', 'date-weekday-mismatch=warning', file]);
  assert.equal(warningsOnly.status, 0, warningsOnly.stdout);
  assert.match(warningsOnly.stdout, /2 problems \(0 errors, 2 warnings, 0 info\)/);

  // a weekday next to a date without a year is checked against --dct's year, not against a guess from the text
  const noYear = path.join(tmp, 'no-year.news');
  fs.writeFileSync(noYear, '6月18日（星期三）召开会议。\n');
  assert.equal(cli([noYear]).stdout, '');
  assert.match(cli(['--dct', '2023-06-20', noYear]).stdout, /no-year\.news:1:1: error \[date-weekday-mismatch\] 2023-06-18 is a Sunday, not a Wednesday \(year 2023 from the document date\)/);

  const missing = cli([path.join(tmp, 'missing.news')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /missing\.news: no such file/);
  const usage = cli(['--rule', 'bogus=off', file]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--rule takes ID=SEVERITY/);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
