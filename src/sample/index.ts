export {
  buildSampleWorkbook,
  sampleLayouts,
  SAMPLE_SHEETS,
  SAMPLE_PERIOD_LINE,
  type SampleSheetSpec,
} from './buildSample';
export {
  tableToRows,
  tableToGrid,
  writeTableToSheet,
  numberFormatFor,
  swedishNumberText,
  type SeedTable,
  type SeedRow,
  type SeedValue,
  type TableLayout,
  type TableToRowsOptions,
  type WriteTableOptions,
} from './seedTable';
