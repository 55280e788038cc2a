"""Numbers as people in nl-BE read them."""

from decimal import Decimal


def euro(amount: Decimal) -> str:
    """1234.5 → "1.234,50" (the € sign is the caller's: "€ 1.234,50")."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def amount_from_text(text: str) -> str:
    """An amount as a person in Belgium types it, as Decimal reads it: "2.400,50" and "2400,50" → "2400.50".
    A point alone is a thousands separator when every group after it has three digits ("1.500" is fifteen
    hundred, as on a Belgian bill), else the decimal point of a pasted number ("2400.50")."""
    text = text.strip().replace(" ", "").replace("\u00a0", "").removeprefix("€").removesuffix("€")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    groups = text.split(".")
    if len(groups) > 1 and all(len(group) == 3 and group.isdigit() for group in groups[1:]):
        return "".join(groups)
    return text
