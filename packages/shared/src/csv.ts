/*
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (a lone LF or CR is taken
 * too, as spreadsheets on other systems write them), a field in double quotes may hold commas,
 * line breaks and quotes doubled (""). No dependency: the sweep page is the only reader.
 */

export interface CsvProblem {
  /** The record's number, the header being 1 and blank lines counted (a spreadsheet's row number). */
  row: number;
  message: string;
}

export interface CsvRecords {
  /** Each record with its row number; blank lines are skipped (RFC 4180 has none). */
  records: { row: number; fields: string[] }[];
  problems: CsvProblem[];
}

/** Splits the text into records of fields; never throws. A problem stops the reading at its row. */
export function parseCsvRecords(text: string): CsvRecords {
  const records: CsvRecords["records"] = [];
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let row = 1;
  let fields: string[] = [];
  let field = "";
  let k = 0;
  /** Whether the current record has anything in it yet (a blank line has not). */
  let started = false;
  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    if (started) records.push({ row, fields });
    fields = [];
    started = false;
    row++;
  };
  const lineBreakAt = (i: number) => (src[i] === "\r" && src[i + 1] === "\n" ? 2 : src[i] === "\n" || src[i] === "\r" ? 1 : 0);
  while (k < src.length) {
    const c = src[k];
    if (c === '"' && field === "") {
      // A quoted field: up to the quote that is not doubled.
      started = true;
      const opened = row;
      k++;
      for (;;) {
        if (k >= src.length) return { records, problems: [{ row: opened, message: "A quoted field is never closed; end it with a double quote." }] };
        if (src[k] === '"') {
          if (src[k + 1] === '"') {
            field += '"';
            k += 2;
            continue;
          }
          k++;
          break;
        }
        // Line breaks inside quotes belong to the field: the record stays one row, as in a spreadsheet.
        field += src[k];
        k++;
      }
      const after = src[k];
      if (k < src.length && after !== "," && !lineBreakAt(k))
        return { records, problems: [{ row: opened, message: "After a quoted field's closing quote comes a comma or the end of the line; a quote inside a field is written twice (\"\")." }] };
      continue;
    }
    const br = lineBreakAt(k);
    if (br) {
      endRecord();
      k += br;
      continue;
    }
    if (c === ",") {
      started = true;
      endField();
      k++;
      continue;
    }
    if (c === '"') return { records, problems: [{ row, message: "A double quote inside an unquoted field; put the field in quotes and write the quote twice (\"\")." }] };
    started = true;
    field += c;
    k++;
  }
  if (started || field !== "" || fields.length > 0) endRecord();
  return { records, problems: [] };
}

export interface CsvTable {
  columns: string[];
  /** Each data row with its row number and its value per column. */
  rows: { row: number; values: Record<string, string> }[];
  problems: CsvProblem[];
}

/** A CSV whose first record names the columns; rows with another number of fields are problems of theirs. */
export function parseCsvTable(text: string): CsvTable {
  const { records, problems } = parseCsvRecords(text);
  const [header, ...data] = records;
  if (!header) return { columns: [], rows: [], problems: problems.length ? problems : [{ row: 1, message: "The CSV is empty; its first line names the columns." }] };
  const columns = header.fields.map((f) => f.trim());
  const all = [...problems];
  columns.forEach((name, i) => {
    if (name === "") all.push({ row: header.row, message: `Column ${i + 1} has no name; the first line names every column.` });
    else if (columns.indexOf(name) !== i) all.push({ row: header.row, message: `Two columns are named "${name}"; name each once.` });
  });
  const rows: CsvTable["rows"] = [];
  for (const r of data) {
    if (r.fields.length !== columns.length) {
      all.push({ row: r.row, message: `Row ${r.row} has ${r.fields.length} field${r.fields.length === 1 ? "" : "s"}, the header ${columns.length}.` });
      continue;
    }
    rows.push({ row: r.row, values: Object.fromEntries(columns.map((c, i) => [c, r.fields[i] ?? ""])) });
  }
  return { columns, rows, problems: all };
}
