"""Rows with their related rows in one SQL join, without the ORM's compilation of a select_related query.

The inquiry page reads an inquiry with five related records and its answers with three each. Measured at 100k
inquiries (PostgreSQL), compiling `Inquiry.objects.select_related(<5>).get(pk=...)` took 4.1 ms of CPU and running
the SQL it makes 0.7 ms; the answers with theirs cost 5.8 ms more. A `Joined` read builds its SQL once per process
and database vendor and turns each row into model instances the way the ORM does: each value goes through the
backend's converters, then the column's (as `SQLCompiler.apply_converters`), then into `Model.from_db`, and each
related instance is cached on its parent as select_related would, so templates reach `inquiry.body` without a query.
Models whose fields live in one table only (no multi-table inheritance), as every registry model does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model

from interpel.registry.prepared import fetch, fetch_rows

Converter = Callable[[Any, Any, Any], Any]


def columns(model: type[Model], prefix: str = "") -> str:
    """Every column of `model`, named: a prepared `SELECT t.*` would fail once a migration adds a column ("cached
    plan must not change result type") until the connection is replaced."""
    quote = connection.ops.quote_name  # Event.on is a keyword
    return ", ".join(prefix + quote(f.column) for f in model._meta.concrete_fields)


def _converters(field: Any, alias: str) -> tuple[Any, tuple[Converter, ...]]:
    """What the ORM applies to a value of `field` read from the database (SQLCompiler.get_converters)."""
    col = field.get_col(alias)
    return col, tuple(connection.ops.get_db_converters(col) + col.get_db_converters(connection))


@dataclass(frozen=True)
class _Part:
    """One model's columns in the joined row: the parent's (`relation` None) or a related one's."""

    model: type[Model]
    relation: str | None  # the foreign key on the parent
    attnames: tuple[str, ...]
    columns: tuple[str, ...]
    pk_at: int  # where its primary key is among attnames: NULL there means no related record
    converters: tuple[
        tuple[int, tuple[Converter, ...], Any], ...
    ]  # (column within the part, converters, col)


class Joined:
    """`model` rows read with the records of some of its foreign keys, optionally only some of their fields.

    `related`: foreign key name -> field names of the related model to read (None: all its concrete fields). The
    related record may be missing (a nullable key): then None is cached, as select_related does.
    """

    def __init__(self, model: type[Model], related: dict[str, tuple[str, ...] | None]) -> None:
        self.model = model
        self.related = related
        self._plans: dict[str, tuple[str, tuple[_Part, ...]]] = {}
        self._lock = threading.Lock()

    def _part(
        self, model: type[Model], relation: str | None, alias: str, names: tuple[str, ...] | None
    ) -> _Part:
        fields = [
            f
            for f in model._meta.concrete_fields
            if names is None or f.name in names or f.attname in names or f.primary_key
        ]
        converters = []
        for i, field in enumerate(fields):
            col, found = _converters(field, alias)
            if found:
                converters.append((i, found, col))
        pk_at = next(i for i, field in enumerate(fields) if field.primary_key)
        return _Part(
            model,
            relation,
            tuple(f.attname for f in fields),
            tuple(f.column for f in fields),
            pk_at,
            tuple(converters),
        )

    def _plan(self) -> tuple[str, tuple[_Part, ...]]:
        """The SELECT ... FROM ... JOIN part of the query and the row's parts, made once per database vendor."""
        found = self._plans.get(connection.vendor)
        if found is not None:
            return found
        quote = connection.ops.quote_name
        parts = [self._part(self.model, None, "t0", None)]
        joins = []
        for n, (relation, names) in enumerate(self.related.items(), 1):
            key = self.model._meta.get_field(relation)
            target = key.related_model
            alias = f"t{n}"
            parts.append(self._part(target, relation, alias, names))
            joins.append(
                f" LEFT JOIN {quote(target._meta.db_table)} {alias}"
                f" ON {alias}.{quote(key.target_field.column)} = t0.{quote(key.column)}"
            )
        columns = ", ".join(
            f"t{n}.{quote(column)}" for n, part in enumerate(parts) for column in part.columns
        )
        plan = (f"SELECT {columns} FROM {quote(self.model._meta.db_table)} t0{''.join(joins)}", tuple(parts))
        with self._lock:
            self._plans[connection.vendor] = plan
        return plan

    def read(self, where: str, params: list[Any], order: str = "") -> list[Model]:
        """The rows matching `where` (SQL over the parent's alias t0, %s placeholders), in `order`."""
        select, parts = self._plan()
        rows = fetch_rows(f"{select} WHERE {where}{' ORDER BY ' + order if order else ''}", params)
        db = connection.alias
        found = []
        for row in rows:
            start = 0
            parent: Model | None = None
            for part in parts:
                values = list(row[start : start + len(part.attnames)])
                start += len(part.attnames)
                for i, converters, col in part.converters:
                    for convert in converters:
                        values[i] = convert(values[i], col, connection)
                if part.relation is None:
                    parent = part.model.from_db(db, part.attnames, values)
                    found.append(parent)
                    continue
                related = (
                    None if values[part.pk_at] is None else part.model.from_db(db, part.attnames, values)
                )
                self.model._meta.get_field(part.relation).set_cached_value(parent, related)
        return found


@dataclass(frozen=True)
class _Raw:
    """How the columns of one raw SELECT fill a model (see `instances`)."""

    attnames: tuple[str, ...]  # the model's fields found among the columns, in the model's field order
    at: tuple[int, ...]  # where each is in the row
    converters: tuple[tuple[int, tuple[Converter, ...], Any], ...]  # (index within attnames, converters, col)
    extra: tuple[tuple[str, int], ...]  # other columns: (attribute, index in the row)


_raws: dict[tuple[str, type[Model], tuple[str, ...]], _Raw] = {}


def _raw(model: type[Model], columns: list[str]) -> _Raw:
    key = (connection.vendor, model, tuple(columns))
    found = _raws.get(key)
    if found is not None:
        return found
    index = {name: i for i, name in enumerate(columns)}
    fields = [f for f in model._meta.concrete_fields if f.column in index]
    converters = []
    for i, field in enumerate(fields):
        col, funcs = _converters(field, "t")
        if funcs:
            converters.append((i, funcs, col))
    known = {f.column for f in fields}
    found = _Raw(
        tuple(f.attname for f in fields),
        tuple(index[f.column] for f in fields),
        tuple(converters),
        tuple((name, i) for i, name in enumerate(columns) if name not in known),
    )
    if len(_raws) > 500:  # statements are made from a few templates; this only bounds a mistake
        _raws.clear()
    _raws[key] = found
    return found


def instances(model: type[Model], sql: str, params: list[Any]) -> list[Model]:
    """`model.objects.raw(sql, params)` as a list, read through a prepared statement (registry.prepared).

    As a RawQuerySet: columns named like the model's fields fill them (the others stay deferred), any other column
    becomes an attribute of the instance; values go through the same converters as the ORM's.
    """
    columns, rows = fetch(sql, params)
    plan = _raw(model, columns)
    db = connection.alias
    found = []
    for row in rows:
        values = [row[i] for i in plan.at]
        for i, converters, col in plan.converters:
            for convert in converters:
                values[i] = convert(values[i], col, connection)
        instance = model.from_db(db, plan.attnames, values)
        for name, i in plan.extra:
            setattr(instance, name, row[i])
        found.append(instance)
    return found
