"""What every CSV or XLSX file the product writes has in common: no cell that a spreadsheet runs as a formula.

A break-the-glass reason or a KSZ purpose is typed by a person; `=HYPERLINK("http://…", "klik")` in one of
them would become a live formula in the DPO's Excel (CSV/formula injection, OWASP). A cell that starts with
one of the characters a spreadsheet reads as the start of a formula gets a leading apostrophe, which Excel
and LibreOffice show as text and do not display."""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def neutralise_row(row: Iterable) -> list[str]:
    return [neutralise_cell(value) for value in row]


def csv_for_excel(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A CSV that Excel in nl-BE opens as it is: semicolons, a BOM for UTF-8 names, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(neutralise_row(header))
    writer.writerows(neutralise_row(row) for row in rows)
    return "\ufeff" + buffer.getvalue()
