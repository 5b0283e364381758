"""hechos -- Spanish news in, structured and sourced facts out.

A binding of libhechos, the hechos C library (``include/hechos.h``):
every article becomes a dict of sentences, tokens, named-entity mentions, entities
(resolved, with countries and coordinates), quantities, TIMEX3 times, claims (who says
what) and CAMEO events.  The schema is docs/schema.md of the hechos tree.

Quick start::

    >>> import hechos
    >>> doc = hechos.analyze("Según el Ministerio de Defensa, al menos 3.000 soldados "
    ...                      "llegaron el pasado martes.", date="2025-07-12")
    >>> doc["quantities"][0]["value"], doc["times"][0]["value"]
    (3000, '2025-07-08')

Many articles, on several threads sharing one set of models (the GIL is released while
the library works, so threads run in parallel)::

    >>> p = hechos.Pipeline()
    >>> for doc in p.analyze_many(records, threads=4): ...

A corpus store (``hechos ingest`` / ``hechos query``)::

    >>> c = hechos.Corpus("corpus.db")
    >>> c.figures("soldados").to_pandas()

A Dask cluster: ``hechos.dask.extract(client, shards, out_dir)`` or
``python3 -m hechos.dask --scheduler ADDR --out DIR shards/*.jsonl``.

The library is found through ``$HECHOS_LIB``, the build tree, or an installed prefix;
models through ``Pipeline(models=...)``, ``$HECHOS_MODELS`` or beside the library.
Errors raise ``hechos.HechosError`` carrying the library's status and message.
"""
from __future__ import annotations

import threading
from typing import Any, Dict, Optional

from ._native import HechosError, library_path
from .corpus import Corpus, Rows
from .pipeline import STAGES, Pipeline

__all__ = ["analyze", "Pipeline", "Corpus", "Rows", "HechosError", "STAGES", "library_path",
           "__version__"]
__version__ = "0.1.0"

_default: Optional[Pipeline] = None
_default_lock = threading.Lock()


def _default_pipeline() -> Pipeline:
    """The pipeline ``hechos.analyze`` uses, created on first use and then shared."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Pipeline()
        return _default


def analyze(text: Any, date: Optional[str] = None, id: Optional[str] = None,
            **options: Any) -> Dict[str, Any]:
    """Analyses one article with a shared default ``Pipeline`` and returns its document
    as a dict (docs/schema.md).

    Args:
        text: the article (str, or UTF-8 bytes), or a dict shaped like a JSON Lines
            record (``{"text", "id", "title", "date", "source", "url", ...}``).
        date: publication date ``YYYY-MM-DD``, against which "el pasado martes" resolves.
        id: the document's id in the output.
        **options: ``title``, ``source``, ``url``, ``meta`` (dict), ``tokens`` (False
            leaves the token list out), ``lenient`` (replace invalid UTF-8 instead of
            raising).

    Raises:
        HechosError: bad input (invalid UTF-8, NUL byte, malformed date, ...), with the
            library's message, status and byte offset.
    """
    return _default_pipeline().analyze(text, date, id, **options)
