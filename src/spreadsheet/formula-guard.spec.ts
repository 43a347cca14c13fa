import { neutralise, restoreNeutralised, startsFormula } from './formula-guard';

describe('formula guard', () => {
  it('neutralises every formula starter and restores it', () => {
    for (const starter of ['=', '+', '-', '@', '\t', '\r']) {
      const text = `${starter}SUM(A1:A9)`;
      expect(startsFormula(neutralise(text))).toBe(false);
      expect(restoreNeutralised(neutralise(text))).toBe(text);
    }
  });

  it('leaves other text alone, both ways', () => {
    for (const text of ['项目', "'quoted", "'", 'a=b', '']) {
      expect(neutralise(text)).toBe(text);
      expect(restoreNeutralised(text)).toBe(text);
    }
  });

  it('holds for generated strings (property)', () => {
    const chars = ['=', '+', '-', '@', '\t', '\r', "'", 'a', '1', '项', ' '];
    let seed = 7;
    for (let i = 0; i < 2000; i += 1) {
      let text = '';
      const n = 1 + (i % 6);
      for (let j = 0; j < n; j += 1) {
        seed = (seed * 48_271) % 2_147_483_647;
        text += chars[seed % chars.length];
      }
      expect(startsFormula(neutralise(text))).toBe(false);
      if (!text.startsWith("'")) expect(restoreNeutralised(neutralise(text))).toBe(text);
    }
  });
});
