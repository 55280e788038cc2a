"""`field__any_of=<subquery>`: `field = ANY(ARRAY(SELECT ...))` on PostgreSQL, `IN (SELECT ...)` elsewhere.

Where `IN (subquery)` sits in an OR with other conditions, PostgreSQL can only test it row by row (a hashed
SubPlan as a filter), so the whole OR becomes a sequential scan of the table. `= ANY(ARRAY(subquery))` is an
array computed once before the scan (an InitPlan): the arm is an index condition like the others and the OR
becomes a BitmapOr of index scans. For small subqueries (a user's live break-the-glass grants, the restricted
dossiers naming them)."""

from django.db.models import Lookup, UUIDField


@UUIDField.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]
        return f"{lhs} IN {rhs}", [*lhs_params, *rhs_params]
