import ExcelJS from 'exceljs';

/**
 * How the exported workbooks print: on the paper offices use, one page wide, the header rows on every page,
 * 第 N 页 共 M 页 at the foot, thin borders, and a font every Chinese Office and WPS has.
 */

/** The body font of the exports (宋体 ships with every Chinese Windows and WPS). */
export const printFontName = '宋体';

/** Excel's paper size codes (ECMA-376 §18.18.42). */
export const paperSize = { A4: 9, A3: 8 } as const;

/** The page footer: 第 N 页 共 M 页, centred. */
export const pageNumberFooter = '&C第 &P 页 共 &N 页';

export const thinBorder: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The options of a worksheet that prints landscape on `paper`, one page wide, repeating rows `titleRows` ("1:3"). */
export function printOptions(paper: keyof typeof paperSize, titleRows: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: paperSize[paper] as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: titleRows,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: pageNumberFooter, evenFooter: pageNumberFooter },
  };
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code > 0xffff
  );
}

/** Width of a text in Excel's column units: a CJK or full-width character takes two, others one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

/**
 * The height in points of a row whose cells wrap: enough lines for the longest cell at `fontSize`.
 * `cells` pairs each text with the width (column units) it wraps in; 1 unit of padding is left on each side.
 */
export function wrappedRowHeight(cells: Array<{ text: string; width: number }>, fontSize = 11): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const usable = Math.max(1, width - 1);
    const needed = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / usable)), 0);
    lines = Math.max(lines, needed);
  }
  return Math.ceil(lines * fontSize * 1.35 + 4);
}
