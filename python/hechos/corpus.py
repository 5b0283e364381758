"""corpus.py -- ``Corpus``: the corpus store (one SQLite file, docs/store.md) from Python.

Holds the ``Corpus`` class (ingest, the queries of ``hechos query``) and ``Rows``, the
list of dicts every list-valued query returns, with ``to_pandas()``.

Invariants:
  * One ``hx_store`` handle per Corpus; the library forbids two threads on one store at
    once, so every call takes the Corpus' lock.
  * Queries return the library's JSON parsed, never reshaped beyond picking the list
    the query is about (``entities``, ``events``, ``claims``, ``figures``, ...).
  * A Corpus opened read-only (the default) never writes; ``write=True`` creates and
    migrates the database and commits what is ingested on ``commit()``/``close()``.
"""
from __future__ import annotations

import json
import os
import threading
from ctypes import byref, c_int, c_size_t, c_void_p
from typing import Any, Dict, List, Optional, Union

from . import _native
from ._native import Closing, cstr, hx_error, hx_query

__all__ = ["Corpus", "Rows"]

# hx_query_kind, in the order of include/hechos.h
_Q = {name: i for i, name in enumerate(
    ("stats", "entities", "entity", "timeline", "claims", "figures", "conflicts", "graph",
     "search"))}
_READONLY = 1


class Rows(List[Dict[str, Any]]):
    """A list of dicts (one per result row) with ``to_pandas()``."""

    def to_pandas(self):  # -> pandas.DataFrame
        """The rows as a pandas DataFrame (nested objects flattened into ``a.b``
        columns).  Raises ImportError when pandas is not installed."""
        import pandas  # optional dependency: only this method needs it
        return pandas.json_normalize(list(self)) if self else pandas.DataFrame()


class Corpus(Closing):
    """A corpus store: documents, entities resolved across documents, claims, figures,
    events (docs/store.md), the same file ``hechos ingest``/``hechos query`` use.

    Args:
        path: the SQLite file, or a PostgreSQL database as a libpq URI or connection
            string (``"postgresql:///hechos?host=/run/postgresql"``), which many
            writers (e.g. Dask workers) may share.
        write: open for writing (creating the file when needed); the default opens an
            existing store read-only.
        batch: documents per transaction when writing (the library's default is 256).

    Example:
        >>> with Corpus("corpus.db", write=True) as c:
        ...     c.ingest("El Ministerio de Defensa informó de 300 soldados.", date="2025-07-12")
        >>> Corpus("corpus.db").figures("soldados").to_pandas()
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"], write: bool = False,
                 batch: Optional[int] = None):
        self._lib = _native.load()
        self.path = os.fspath(path)
        self.writable = write
        st, err = c_void_p(), hx_error()
        err.raise_for(self._lib.hx_store_open(cstr(self.path), 0 if write else _READONLY,
                                              byref(st), byref(err)))
        self._st: Optional[c_void_p] = st
        self._lock = threading.Lock()
        if batch is not None:
            self._lib.hx_store_set_batch(st, int(batch))

    # ------------------------------------------------------------ lifetime
    def close(self) -> None:
        """Commits what is pending and closes the file.  Idempotent."""
        with self._lock:
            st, self._st = self._st, None
        if st is not None:
            self._lib.hx_store_close(st)


    def _handle(self) -> c_void_p:
        if self._st is None:
            raise ValueError("the corpus is closed")
        return self._st

    def commit(self) -> None:
        """Commits the open batch of ingested documents."""
        err = hx_error()
        with self._lock:
            err.raise_for(self._lib.hx_store_commit(self._handle(), byref(err)))

    # ------------------------------------------------------------ ingesting
    def ingest(self, text: Any, date: Optional[str] = None, id: Optional[str] = None, *,
               pipeline: Any = None, **options: Any) -> bool:
        """Analyses one article (text, bytes or a JSON Lines-shaped dict, as
        ``Pipeline.analyze``) and stores it.  Returns False when it was stored already
        (same text, title, date and source).  ``pipeline``: the Pipeline to analyse with
        (default: a shared one with default models)."""
        if pipeline is None:
            from . import _default_pipeline
            pipeline = _default_pipeline()
        added, err = c_int(), hx_error()
        with pipeline._document(text, date, id, **options) as doc, self._lock:
            err.raise_for(self._lib.hx_store_ingest(self._handle(), doc, byref(added), byref(err)))
        return bool(added.value)

    def ingest_json(self, doc: Union[str, bytes, Dict[str, Any]]) -> bool:
        """Stores a document analysed elsewhere: its document JSON (text, bytes or dict)
        with the article added as a ``"text"`` member.  Returns False when stored
        already."""
        if isinstance(doc, dict):
            doc = json.dumps(doc, ensure_ascii=False)
        raw = doc.encode("utf-8", "surrogatepass") if isinstance(doc, str) else bytes(doc)
        added, err = c_int(), hx_error()
        with self._lock:
            err.raise_for(self._lib.hx_store_ingest_json(self._handle(), raw, len(raw),
                                                         byref(added), byref(err)))
        return bool(added.value)

    # ------------------------------------------------------------ queries
    def _query(self, kind: str, arg: Optional[str] = None, *, type: Optional[str] = None,
               source: Optional[str] = None, about: Optional[str] = None,
               format: Optional[str] = None, top: Optional[int] = None,
               window: Optional[int] = None) -> Any:
        q = hx_query(_Q[kind], cstr(arg), cstr(type), cstr(source), cstr(about), cstr(format),
                     int(top or 0), -1 if window is None else int(window))
        out, n, err = c_void_p(), c_size_t(), hx_error()
        with self._lock:
            err.raise_for(self._lib.hx_store_query(self._handle(), byref(q), byref(out),
                                                   byref(n), byref(err)))
        text = _native.take_string(out, n.value).decode("utf-8")
        return text if format in ("dot", "graphml") else json.loads(text)

    def stats(self) -> Dict[str, Any]:
        """Row counts of every table (``{"schema", "documents", "entities", ...}``)."""
        return self._query("stats")

    def entities(self, type: Optional[str] = None, top: Optional[int] = None) -> Rows:
        """Entities by number of documents (``type``: PER, ORG, LOC or MISC)."""
        return Rows(self._query("entities", type=type, top=top)["entities"])

    def entity(self, name: str) -> Dict[str, Any]:
        """One entity by name or alias: ``{"query", "entity", "aliases", "cooccurring"}``
        (``entity`` is None for an unknown name)."""
        return self._query("entity", name)

    def timeline(self, name: str, top: Optional[int] = None) -> Rows:
        """The events an entity takes part in, oldest first."""
        return Rows(self._query("timeline", name, top=top)["events"])

    def claims(self, source: Optional[str] = None, about: Optional[str] = None,
               top: Optional[int] = None) -> Rows:
        """Claims, newest first, by claimant (``source``) and/or an entity they mention
        (``about``)."""
        return Rows(self._query("claims", source=source, about=about, top=top)["claims"])

    def figures(self, about: str, top: Optional[int] = None) -> Rows:
        """Every figure whose counted thing contains the words of ``about`` ("soldados"),
        with source, period and value interval."""
        return Rows(self._query("figures", about, top=top)["figures"])

    def conflicts(self, window: Optional[int] = None, top: Optional[int] = None) -> Rows:
        """Pairs of figures from different sources that count the same thing over
        overlapping periods (widened by ``window`` days, default 7) and disagree."""
        return Rows(self._query("conflicts", window=window, top=top)["conflicts"])

    def graph(self, format: str = "json", top: Optional[int] = None) -> Any:
        """The actor graph: a dict (``{"nodes", "edges"}``) for json, text for dot and
        graphml."""
        return self._query("graph", format=format, top=top)

    def search(self, text: str, top: Optional[int] = None) -> Rows:
        """Documents containing every word of ``text``, by BM25 rank."""
        return Rows(self._query("search", text, top=top)["documents"])

    def __repr__(self) -> str:
        mode = "write" if self.writable else "read"
        return f"<hechos.Corpus {self.path!r} {mode}{' closed' if self._st is None else ''}>"
