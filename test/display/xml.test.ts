import { describe, expect, it } from 'vitest';
import { findAll, parseXml, pathPoints } from './support/xml.js';

describe('the test XML checker (so the chart checks are not vacuous)', () => {
  it('accepts well-formed documents and decodes text and attributes', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="1" y=\'&lt;&#65;&#x42;\'><b/><!-- c --><c>t &amp; u</c></a>\n');
    expect(root.attributes).toEqual({ x: '1', y: '<AB' });
    expect(findAll(root, (e) => e.name === 'c')[0]?.text).toBe('t & u');
  });

  it.each([
    ['<a><b></a></b>', 'does not close'],
    ['<a>', 'not closed'],
    ['<a x=1/>', 'not quoted'],
    ['<a x="1" x="2"/>', 'duplicate'],
    ['<a x="1"y="2"/>', 'separated'],
    ['<a>1 < 2</a>', 'stray'],
    ['<a>&nbsp;</a>', 'invalid entity'],
    ['<a>AT&T</a>', 'unterminated entity'],
    ['<a x="<"/>', '"<" in attribute'],
    ['<a/><b/>', 'second root'],
    ['text<a/>', 'outside'],
    ['<a>\u0001</a>', 'not allowed'],
    ['<a>&#0;</a>', 'non-XML'],
    ['', 'no root'],
  ])('rejects %j', (text, problem) => {
    expect(() => parseXml(text)).toThrow(problem);
  });

  it('reads absolute path commands and rejects others', () => {
    expect(pathPoints('M1 2H3V4L5 6Z')).toEqual([[1, 2], [3, 2], [3, 4], [5, 6]]);
    expect(() => pathPoints('M1 2c3 4')).toThrow('unexpected');
  });
});
