import pytest

from core.exports import csv_for_excel, neutralise_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
        ("+32 470 12 34 56", "'+32 470 12 34 56"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("collega ziek", "collega ziek"),
        ("2026-00012", "2026-00012"),
        (None, ""),
        (12, "12"),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(value, expected):
    assert neutralise_cell(value) == expected


def test_a_csv_for_excel_has_a_bom_semicolons_and_no_formula():
    text = csv_for_excel(["a", "b"], [["=1+1", "gewoon"]])
    assert text.startswith("\ufeffa;b\r\n")
    assert "'=1+1;gewoon" in text
