"""pipeline.py -- ``Pipeline``: one libhechos context (models, lexicons) reused by every
analysis, from any number of threads.

Invariants:
  * The context (``hx_ctx``) is created once and never modified, so threads share it
    (the library's rule); each analysis creates, uses and frees its own ``hx_doc``.
  * Every C call releases the GIL (ctypes.CDLL), so ``analyze_many(threads=N)`` and
    user threads analyse in parallel.
  * ``close()`` waits for analyses in flight before freeing the context; a closed
    pipeline raises ``ValueError``.
  * The JSON returned is the library's ``hx_doc_json`` text, byte for byte what
    ``hechos extract`` prints for the same input and options (without the newline).
"""
from __future__ import annotations

import concurrent.futures
import json
import os
import threading
from collections import deque
from contextlib import contextmanager
from ctypes import byref, c_size_t, c_void_p
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _native
from ._native import Closing, HechosError, cstr, hx_docinfo, hx_error, hx_options

__all__ = ["Pipeline", "STAGES"]

#: Stage names accepted by ``Pipeline(stages=...)``, with their HX_STAGE_* bits.
STAGES = {"tokens": 1 << 0, "tagger": 1 << 1, "numbers": 1 << 2, "times": 1 << 3,
          "entities": 1 << 4, "claims": 1 << 5, "events": 1 << 6}
_LENIENT = 1
_JSON_PRETTY, _JSON_NO_TOKENS = 1, 2

Text = Union[str, bytes]
Record = Union[Text, Dict[str, Any]]


class _Line(bytes):
    """A raw JSON Lines record, read by hx_doc_from_json as it is."""


def _text_bytes(text: Text) -> bytes:
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        # Lone surrogates pass through as (invalid) bytes, so that the library reports
        # them with its message and offset like any other invalid UTF-8.
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"text must be str or bytes, not {type(text).__name__}")


class Pipeline(Closing):
    """An analysis pipeline: loaded models and lexicons, shareable between threads.

    Create one and reuse it: loading the models takes a tenth of a second, analysing
    an article a millisecond or so.  The library releases the GIL while it works, so
    ``analyze_many(items, threads=N)`` or your own threads calling ``analyze`` on one
    Pipeline use N cores.

    Args:
        models: directory holding ``pos.hxm`` and ``ner.hxm``.  None: ``$HECHOS_MODELS``,
            else the models beside the library (the build tree's ``models/`` or
            ``PREFIX/share/hechos/models``).  Without models there are no POS tags,
            mentions or entities from NER; every other layer is still produced.
        stages: names from ``hechos.STAGES`` to run (None: all).
        require_models: raise when a model file is missing instead of skipping the tagger.

    Raises:
        HechosError: when the context cannot be created (e.g. a corrupt model file).

    Example:
        >>> p = Pipeline()
        >>> doc = p.analyze("El Gobierno anunció ayer 300 despidos.", date="2025-07-12")
        >>> [q["value"] for q in doc["quantities"]]
        [300]
    """

    def __init__(self, models: Optional[str] = None, stages: Optional[Sequence[str]] = None,
                 require_models: bool = False):
        self._lib = _native.load()
        bits = 0
        for s in stages or ():
            if s not in STAGES:
                raise ValueError(f"unknown stage {s!r}; known: {', '.join(STAGES)}")
            bits |= STAGES[s]
        if models is None:
            models = _native.default_models_dir()
        self.models = models
        opt = hx_options(cstr(os.fspath(models)) if models is not None else None, bits,
                         1 if require_models else 0)
        err = hx_error()
        ctx = c_void_p()
        err.raise_for(self._lib.hx_ctx_new(byref(opt), byref(ctx), byref(err)))
        self._ctx: Optional[c_void_p] = ctx
        self._cond = threading.Condition()
        self._active = 0

    # ------------------------------------------------------------ lifetime
    def close(self) -> None:
        """Frees the context once every analysis in flight has finished.  Idempotent."""
        with self._cond:
            while self._active:
                self._cond.wait()
            ctx, self._ctx = self._ctx, None
        if ctx is not None:
            self._lib.hx_ctx_free(ctx)


    @contextmanager
    def _use(self) -> Iterator[c_void_p]:
        with self._cond:
            if self._ctx is None:
                raise ValueError("the pipeline is closed")
            self._active += 1
            ctx = self._ctx
        try:
            yield ctx
        finally:
            with self._cond:
                self._active -= 1
                if not self._active:
                    self._cond.notify_all()

    @contextmanager
    def _document(self, record: Record, date: Optional[str], id: Optional[str],
                  title: Optional[str] = None, source: Optional[str] = None,
                  url: Optional[str] = None, meta: Optional[Dict[str, Any]] = None,
                  lenient: bool = False) -> Iterator[c_void_p]:
        """An analysed hx_doc for one article, freed on exit.  A dict (or JSON text
        given as ``record`` of a JSON Lines line) goes through hx_doc_from_json like
        ``hechos extract --jsonl``; ``date`` then applies only when it has none."""
        lib, err, doc = self._lib, hx_error(), c_void_p()
        with self._use() as ctx:
            try:
                if isinstance(record, (dict, _Line)):
                    raw = record if isinstance(record, _Line) else \
                        json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
                    st = lib.hx_doc_from_json(ctx, raw, len(raw), _LENIENT if lenient else 0,
                                              byref(doc), byref(err))
                    if st == 0 and date is not None and lib.hx_doc_date(doc) is None:
                        st = lib.hx_doc_set_date(doc, cstr(date), byref(err))
                else:
                    data = _text_bytes(record)
                    info = hx_docinfo(cstr(id), cstr(title), cstr(date), cstr(source), cstr(url),
                                      cstr(json.dumps(meta, ensure_ascii=False)) if meta else None,
                                      _LENIENT if lenient else 0)
                    st = lib.hx_doc_new(ctx, data, len(data), byref(info), byref(doc), byref(err))
                if st == 0:
                    st = lib.hx_doc_analyze(doc, byref(err))
                err.raise_for(st)
                yield doc
            finally:
                lib.hx_doc_free(doc)

    # ------------------------------------------------------------ analysis
    def analyze_json(self, text: Record, date: Optional[str] = None, id: Optional[str] = None,
                     *, title: Optional[str] = None, source: Optional[str] = None,
                     url: Optional[str] = None, meta: Optional[Dict[str, Any]] = None,
                     tokens: bool = True, pretty: bool = False, lenient: bool = False) -> str:
        """Analyses one article and returns its document JSON as text (docs/schema.md).

        ``text`` is the article (str, or UTF-8 bytes exactly as read from a file), or a
        dict shaped like a JSON Lines record (``{"text", "id", "date", ...}``; other
        members are echoed under ``meta``).  ``date`` is the publication date
        (``YYYY-MM-DD``), the anchor of relative times.  The result is byte for byte
        what ``hechos extract`` prints for the same input (``--no-tokens`` is
        ``tokens=False``, ``--pretty`` is ``pretty=True``, ``--lenient`` is
        ``lenient=True``).

        Raises:
            HechosError: invalid UTF-8 or a NUL byte (unless lenient), a malformed date,
                a record without "text"; the message and offset are the library's.
        """
        return self._json_bytes(text, date, id, title=title, source=source, url=url, meta=meta,
                                tokens=tokens, pretty=pretty, lenient=lenient).decode("utf-8")

    def _json_bytes(self, text: Record, date: Optional[str], id: Optional[str], *,
                    tokens: bool = True, pretty: bool = False, lenient: bool = False,
                    **info: Any) -> bytes:
        """analyze_json without the final decoding: the library's bytes."""
        flags = (0 if tokens else _JSON_NO_TOKENS) | (_JSON_PRETTY if pretty else 0)
        with self._document(text, date, id, lenient=lenient, **info) as doc:
            out, n, err = c_void_p(), c_size_t(), hx_error()
            err.raise_for(self._lib.hx_doc_json(doc, flags, byref(out), byref(n), byref(err)))
            return _native.take_string(out, n.value)

    def analyze(self, text: Record, date: Optional[str] = None, id: Optional[str] = None,
                **options: Any) -> Dict[str, Any]:
        """Analyses one article and returns the document as a dict (docs/schema.md).

        Same arguments as ``analyze_json`` (``title``, ``source``, ``url``, ``meta``,
        ``tokens``, ``lenient`` as keywords).  Offsets (``start``/``end``) index the
        Python string: ``text[m["start"]:m["end"]] == m["text"]`` for NFC input.
        """
        return json.loads(self.analyze_json(text, date, id, **options))

    def analyze_jsonl(self, line: Union[str, bytes], date: Optional[str] = None, *,
                      tokens: bool = True, lenient: bool = False) -> str:
        """Analyses one JSON Lines record given as its raw line (no newline), exactly like
        ``hechos extract --jsonl [--date D]``, and returns the document JSON text."""
        raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else bytes(line)
        return self._json_bytes(_Line(raw), date, None, tokens=tokens,
                                lenient=lenient).decode("utf-8")

    def analyze_many(self, items: Iterable[Record], threads: int = 1,
                     date: Optional[str] = None, *, errors: str = "raise",
                     **options: Any) -> Iterator[Union[Dict[str, Any], HechosError]]:
        """Analyses many articles with ``threads`` threads sharing this pipeline and
        yields their documents (dicts) in input order.

        ``items`` holds texts or JSON Lines-shaped dicts; it is read lazily and at most
        ``4 * threads`` articles are in flight, so a long stream needs little memory.
        ``errors``: ``"raise"`` (the first bad article raises), ``"return"`` (its
        HechosError is yielded in its place) or ``"skip"``.
        """
        if errors not in ("raise", "return", "skip"):
            raise ValueError("errors must be 'raise', 'return' or 'skip'")
        if threads < 1:
            raise ValueError("threads must be at least 1")

        def one(item: Record) -> Union[Dict[str, Any], HechosError]:
            try:
                return self.analyze(item, date, **options)
            except HechosError as e:
                if errors == "raise":
                    raise
                return e

        def emit(result: Union[Dict[str, Any], HechosError]):
            if isinstance(result, HechosError) and errors == "skip":
                return []
            return [result]

        if threads == 1:
            for item in items:
                yield from emit(one(item))
            return
        with concurrent.futures.ThreadPoolExecutor(threads, "hechos") as pool:
            window: deque = deque()
            for item in items:
                window.append(pool.submit(one, item))
                if len(window) >= 4 * threads:
                    yield from emit(window.popleft().result())
            while window:
                yield from emit(window.popleft().result())

    def recognize(self, kind: str, text: str, ref: Optional[str] = None) -> List[Dict[str, Any]]:
        """Recognizers-Text compatible results of one kind ("number", "ordinal",
        "percent", "numberrange", "currency", "dimension", "age", "temperature",
        "datetime") in text; ``ref`` is the reference date-time."""
        data = _text_bytes(text)
        out, err = c_void_p(), hx_error()
        with self._use() as ctx:
            err.raise_for(self._lib.hx_recognize(ctx, cstr(kind), data, len(data), cstr(ref),
                                                 byref(out), byref(err)))
        return json.loads(_native.take_string(out))

    def __repr__(self) -> str:
        state = "closed" if self._ctx is None else "open"
        return f"<hechos.Pipeline models={self.models!r} {state}>"

