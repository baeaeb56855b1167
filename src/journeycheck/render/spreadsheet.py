"""Cells that a spreadsheet will not run as formulas.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``,
``+``, ``-`` or ``@`` as a formula (and a leading tab or carriage return can
hide one), so a CSV file with a plan's text in it could run whatever a plan
author typed when someone opens it. Such a cell is written with a leading
apostrophe, as OWASP recommends: spreadsheets then show the text as typed.
"""

from __future__ import annotations

#: What makes a spreadsheet read a cell as a formula, ASCII and full-width forms alike.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet evaluates.

    Leading spaces do not hide a formula from every spreadsheet, so they are
    looked past.
    """
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text
