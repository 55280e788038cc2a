"""The machinery of `manage.py seed_scale`: a large, valid, deterministic dataset generated inside PostgreSQL.

Each app seeds its own tables in its `scale.py` (`seed(ctx)`), in INSTALLED_APPS order, like `seed_demo`; an
app added later brings its own. The big tables are filled by INSERT ... SELECT over generate_series, every
"random" choice a hash of (seed, salt, row number) through `pg_temp.rnd`, so the same seed and scale give
the same rows (ids included) on any run. Secondary indexes of a big table are dropped before its load and
rebuilt after (one sort instead of millions of index insertions)."""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

# A number in [0, 1) from (salt, i) under the dataset's seed: the same on every run, no state, parallel-safe.
RND_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.rnd(salt text, i bigint, seed bigint) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (hashtextextended(salt || ':' || i::text, seed) & 9007199254740991)::float8 / 9007199254740992.0 $$
"""
# A deterministic UUID from (salt, i) under the seed.
UUID_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.sid(salt text, i bigint, seed bigint) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT md5(seed::text || ':' || salt || ':' || i::text)::uuid $$
"""


@dataclass
class ScaleContext:
    """What every app's scale.seed receives: the scale, the seed, a cursor, and the facts the apps before it
    left for the apps after it (ids of teams and workers...)."""

    scale: float
    seed: int
    cursor: object
    stdout: object
    facts: dict = field(default_factory=dict)
    verbose: bool = False

    def count(self, full_size: int, minimum: int = 1) -> int:
        return max(minimum, round(full_size * self.scale))

    def random(self, salt: str) -> random.Random:
        return random.Random(f"{self.seed}:{salt}")  # noqa: S311  (test data, not secrets)

    def sql(self, statement: str, params=None) -> None:
        started = time.monotonic()
        self.cursor.execute(statement, params)
        if self.verbose:
            self.stdout.write(f"    {time.monotonic() - started:6.2f} s  {' '.join(statement.split())[:90]}")

    def scalar(self, statement: str, params=None):
        self.cursor.execute(statement, params)
        return self.cursor.fetchone()[0]

    @contextmanager
    def step(self, label: str):
        started = time.monotonic()
        yield
        self.stdout.write(f"  {label}: {time.monotonic() - started:.1f} s")

    def copy_rows(self, table: str, columns: list[str], rows) -> None:
        """COPY rows (tuples) into a table: the fast path for what Python decides (assignments, plans)."""
        raw = self.cursor.cursor  # psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def install_functions(ctx: ScaleContext) -> None:
    ctx.sql(RND_FUNCTION)
    ctx.sql(UUID_FUNCTION)


@contextmanager
def indexes_rebuilt_after(ctx: ScaleContext, *tables: str):
    """Drop the secondary indexes (not primary keys or unique constraints) of the tables, and rebuild them after
    the load. On a partitioned table the parent's index is rebuilt, and with it every partition's."""
    ctx.sql(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        LEFT JOIN pg_constraint c ON c.conindid = i.oid
        WHERE t.relname = ANY(%s) AND c.oid IS NULL AND NOT x.indisprimary
          AND t.relnamespace = 'public'::regnamespace
        """,
        [list(tables)],
    )
    definitions = ctx.cursor.fetchall()
    for name, _definition in definitions:
        ctx.sql(f'DROP INDEX "{name}"')
    yield
    for _name, definition in definitions:
        ctx.sql(definition.replace(" ON ONLY ", " ON "))
