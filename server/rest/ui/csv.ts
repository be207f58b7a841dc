// RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled; CRLF rows.

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
