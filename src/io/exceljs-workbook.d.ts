// exceljs's Workbook module on its own (see book.ts loadExcel): the same class as the package's.
declare module 'exceljs/lib/doc/workbook.js' {
  import type ExcelJS from 'exceljs';
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}
