import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { decodeFile, DecodeError, firstInvalidUtf8 } from '../../server/src/core/textDecoding';

const dir = path.join(__dirname, '..', 'fixtures', 'encodings');
const expected = '2023年6月18日，杭州市财政局公布：上半年全市一般公共预算收入达3.5亿元，同比增长12.5%。';
const read = (name: string) => decodeFile(fs.readFileSync(path.join(dir, name)), name);

test('GB18030 files are detected and decoded to the same text as UTF-8', () => {
  const d = read('gb18030.txt');
  assert.equal(d.encoding, 'gb18030');
  assert.equal(d.text, expected);
});

test('a UTF-8 byte-order mark is stripped and reported', () => {
  const d = read('utf8-bom.txt');
  assert.deepEqual([d.encoding, d.bom, d.text], ['utf-8', true, expected]);
});

test('UTF-16 LE with a BOM is decoded', () => {
  const d = read('utf16le-bom.txt');
  assert.deepEqual([d.encoding, d.text], ['utf-16le', expected]);
});

test('CRLF and astral characters are kept exactly as in the file', () => {
  const d = read('crlf-astral.txt');
  assert.equal(d.text, '𠮷𠮷 报道\r\n' + expected + '\r\n');
});

test('a file in neither UTF-8 nor a Chinese encoding is refused with its name and the bad byte', () => {
  assert.throws(() => read('latin1.txt'), (err: unknown) => {
    assert.ok(err instanceof DecodeError);
    assert.match(err.message, /^latin1\.txt: is not valid UTF-8 \(invalid byte 0xe9 at byte offset 3\)/);
    return true;
  });
});

test('binary files are refused', () => {
  assert.throws(() => decodeFile(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]), 'x.png'), /binary/);
});

test('the UTF-8 validator rejects overlongs, surrogates and truncated sequences', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('汉字 ok 𠮷', 'utf-8')), -1);
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80])), 1); // overlong NUL
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80])), 0); // UTF-16 surrogate
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xe6, 0xb1])), 1); // truncated at the end
});
