import { csvField, csvLine, csvRecords, decodeText } from './csv';

const records = (text: string) => [...csvRecords(text)].map((r) => [r.row, r.cells]);

describe('csv', () => {
  it('reads quotes, commas, line breaks and CRLF, skipping empty records', () => {
    expect(records('a,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",3\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['x, y', 'say "hi"']],
      [4, ['two\nlines', '3']],
    ]);
  });

  it('reads tab-separated text when the first line has tabs and no commas', () => {
    expect(records('a\tb\n1\t2')).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
  });

  it('decodes UTF-8 with or without BOM, UTF-16 and GB18030', () => {
    expect(decodeText(Buffer.from('\ufeff项目', 'utf8'))).toBe('项目');
    expect(decodeText(Buffer.from('项目', 'utf8'))).toBe('项目');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('项目', 'utf16le')]))).toBe('项目');
    expect(decodeText(Buffer.from([0xcf, 0xee, 0xc4, 0xbf]))).toBe('项目'); // "项目" in GBK
  });

  it('writes fields Excel reads back, never starting a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
