#!/usr/bin/env bash
# Checks that the CSV tables open in a spreadsheet with their Chinese text,
# numbers and region codes intact: LibreOffice converts them to .xlsx the way
# a user opens them (UTF-8, comma, double quote), and every cell of the .xlsx
# is compared with the CSV field it came from.
#
# usage: scripts/check-spreadsheet.sh [OUTPUT_DIR]     (default: output)
# Checks OUTPUT_DIR/tables/*.csv and OUTPUT_DIR/figures.csv when present.
# Exit 0 when all cells survive (or LibreOffice is not installed), 1 otherwise.
set -euo pipefail

out="${1:-output}"
if ! command -v soffice >/dev/null 2>&1; then
  echo "check-spreadsheet: skipped: LibreOffice not installed (apt-get install libreoffice-calc-nogui)"
  exit 0
fi
if [ ! -f "$out/tables/monthly.csv" ]; then
  echo "check-spreadsheet: $out/tables/monthly.csv is missing; run the pipeline first (make)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=()
for f in "$out"/tables/*.csv "$out/figures.csv"; do
  [ -f "$f" ] || continue
  base="$(basename "$f")"
  # figures.csv and tables share no names, but keep them apart anyway.
  [ "$f" = "$out/figures.csv" ] && base="figures.csv"
  cp "$f" "$work/$base"
  files+=("$base")
done

# Tables written with --csv-encoding gb18030 are made UTF-8 first (Excel and WPS
# on Chinese Windows read GB18030 natively; what is checked here is the cells).
python3 - "$work" "${files[@]}" <<'PY'
import sys
work, names = sys.argv[1], sys.argv[2:]
for name in names:
    path = f'{work}/{name}'
    data = open(path, 'rb').read()
    try:
        data.decode('utf-8')
    except UnicodeDecodeError:
        open(path, 'wb').write(b'\xef\xbb\xbf' + data.decode('gb18030').encode('utf-8'))
        print(f'check-spreadsheet: {name} is GB18030; checked as UTF-8')
PY

# CSV:44,34,76,1 = comma separator, double-quote text delimiter, charset 76 (UTF-8), from row 1.
# A private profile keeps this run from touching (or waiting on) the user's LibreOffice.
( cd "$work" && soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
    --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$work" "${files[@]}" >"$work/soffice.log" 2>&1 ) || {
  echo "check-spreadsheet: LibreOffice failed to convert:" >&2; cat "$work/soffice.log" >&2; exit 1; }

python3 - "$work" "${files[@]}" <<'PY'
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
NUMBER = re.compile(r'^-?\d+(\.\d+)?$')
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
PERCENT = re.compile(r'^-?\d+(\.\d+)?%$')
converted = {'date': 0, 'percentage': 0}
work, names = sys.argv[1], sys.argv[2:]

def column_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1

def read_xlsx(path):
    z = zipfile.ZipFile(path)
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
            shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
    rows = {}
    for row in sheet.iter('{%s}row' % NS['m']):
        r = int(row.get('r')) - 1
        for c in row.findall('m:c', NS):
            t, v = c.get('t'), c.find('m:v', NS)
            if t == 's':
                value = ('s', shared[int(v.text)])
            elif t == 'inlineStr':
                value = ('s', ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m'])))
            elif t == 'str':
                value = ('s', v.text or '')
            elif v is not None:
                value = ('n', v.text)
            else:
                continue
            rows.setdefault(r, {})[column_index(c.get('r'))] = value
    return rows

failures, total = [], 0
for name in names:
    with open(f'{work}/{name}', encoding='utf-8-sig', newline='') as f:
        table = list(csv.reader(f))
    cells = read_xlsx(f'{work}/{name[:-4]}.xlsx')
    header = table[0]
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            total += 1
            got = cells.get(r, {}).get(c)
            where = f'{name} row {r + 1} column {header[c] if c < len(header) else c + 1}'
            if text == '':
                if got not in (None, ('s', '')):
                    failures.append(f'{where}: empty in the CSV, {got[1]!r} in the spreadsheet')
                continue
            if r > 0 and NUMBER.match(text):
                digits = len(text.replace('-', '').replace('.', '').lstrip('0'))
                if digits > 15:
                    failures.append(f'{where}: {text} has {digits} significant digits; Excel keeps 15')
                if len(text) > 1 and text[0] == '0' and text[1] != '.':
                    failures.append(f'{where}: {text} loses its leading zero in a number cell')
                if header[c].endswith('code') and digits > 11:
                    failures.append(f'{where}: code {text} has {digits} digits; Excel shows it in scientific notation')
                if got is None or got[0] != 'n' or Decimal(got[1]) != Decimal(text):
                    failures.append(f'{where}: number {text} became {got!r}')
                continue
            # Spreadsheets turn ISO dates into date cells and 87% into 0.87 shown as a
            # percentage: the same value, shown the same way; counted, not failed.
            if got is not None and got[0] == 'n' and DATE.match(text):
                if (date(1899, 12, 30) + timedelta(days=int(Decimal(got[1])))).isoformat() == text:
                    converted['date'] += 1
                    continue
            if got is not None and got[0] == 'n' and PERCENT.match(text):
                if Decimal(got[1]) * 100 == Decimal(text[:-1]):
                    converted['percentage'] += 1
                    continue
            # A formula-guarded cell ('=…) may show with or without its apostrophe.
            if got is None or got[0] != 's' or (got[1] != text and "'" + got[1] != text):
                failures.append(f'{where}: text {text!r} became {got!r}')

if failures:
    print(f'check-spreadsheet: {len(failures)} of {total} cells did not survive LibreOffice:', file=sys.stderr)
    for line in failures[:int(__import__("os").environ.get("SHOW", "30"))]:
        print('  ' + line, file=sys.stderr)
    sys.exit(1)
print(f'check-spreadsheet: {total} cells in {len(names)} files survive a spreadsheet ({", ".join(names)}); '
      f'{converted["date"]} dates and {converted["percentage"]} percentages became date and percentage cells of the same value')
PY
