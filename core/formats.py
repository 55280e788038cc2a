"""Numbers as people in nl-BE read them."""

from decimal import Decimal


def euro(amount: Decimal) -> str:
    """1234.5 → "1.234,50" (the € sign is the caller's: "€ 1.234,50")."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
