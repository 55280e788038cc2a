"""Money is Decimal, in euro and cent (architecture rule 7)."""

from decimal import Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
