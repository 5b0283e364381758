"""_native.py -- finds libhechos.so and declares the C functions the package calls.

Holds: the ctypes structures mirroring ``include/hechos.h`` (hx_error, hx_options,
hx_docinfo, hx_query), ``load()`` which opens the shared library once per process, and
``HechosError``, the exception every failing call raises.

Invariants:
  * The library is loaded with ``ctypes.CDLL``, which releases the GIL for the duration
    of every foreign call, so analyses in several Python threads run in parallel.
  * Every C function gets explicit ``argtypes``/``restype``; strings the library hands
    to the caller are declared ``c_void_p`` so that they can be copied and then freed
    with ``hx_free`` (never left to ctypes, which would leak them).
  * The search order of the library is: ``$HECHOS_LIB``; the build tree this package
    sits in (``python/hechos`` -> ``build/libhechos.so``); the build tree recorded when
    the package was installed with pip (``_where.py``); an installed prefix.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
from ctypes import POINTER, Structure, c_char, c_char_p, c_int, c_size_t, c_uint, c_void_p
from typing import Optional

__all__ = ["HechosError", "Closing", "load", "library_path", "default_models_dir"]

# Status codes, in the order of HX_STATUS_MAP in include/hechos.h.
STATUS_NAMES = ("OK", "NOMEM", "INVAL", "UTF8", "NUL", "IO", "JSON", "FIELD", "TOOBIG",
                "MODEL", "NOTFOUND", "UNSUPPORTED")
SIZE_MAX = ctypes.c_size_t(-1).value


class HechosError(Exception):
    """An error reported by libhechos.

    Attributes:
        status: the numeric ``hx_status`` code (``HX_UTF8`` is 3, ...).
        code: its name without the prefix (``"UTF8"``, ``"JSON"``, ``"FIELD"``, ...).
        offset: byte offset in the input the error refers to, or None.
        message: the library's one-line message (``str(e)`` gives the same).
    """

    def __init__(self, status: int, message: str, offset: Optional[int] = None):
        super().__init__(message)
        self.status = status
        self.code = STATUS_NAMES[status] if 0 <= status < len(STATUS_NAMES) else str(status)
        self.offset = offset
        self.message = message

    def __repr__(self) -> str:
        return f"HechosError({self.code}, {self.message!r}, offset={self.offset})"


class Closing:
    """Mixin: ``with`` closes the object, and so does garbage collection (quietly: at
    interpreter shutdown the library may be gone already).  Subclasses define close()."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


class hx_error(Structure):
    _fields_ = [("code", c_int), ("offset", c_size_t), ("msg", c_char * 256)]

    def raise_for(self, status: int) -> None:
        """Raises HechosError for a non-zero status, with the library's message."""
        if status == 0:
            return
        msg = self.msg.decode("utf-8", "replace") or "error %d" % status
        off = None if self.offset == SIZE_MAX else int(self.offset)
        raise HechosError(int(status), msg, off)


class hx_options(Structure):
    _fields_ = [("models_dir", c_char_p), ("stages", c_uint), ("require_models", c_int)]


class hx_docinfo(Structure):
    _fields_ = [("id", c_char_p), ("title", c_char_p), ("date", c_char_p),
                ("source", c_char_p), ("url", c_char_p), ("meta_json", c_char_p),
                ("flags", c_uint)]


class hx_query(Structure):
    _fields_ = [("kind", c_int), ("arg", c_char_p), ("type", c_char_p), ("source", c_char_p),
                ("about", c_char_p), ("format", c_char_p), ("top", c_size_t),
                ("window_days", c_int)]


_PROTOTYPES = {
    # name: (restype, argtypes)
    "hx_strerror": (c_char_p, [c_int]),
    "hx_free": (None, [c_void_p]),
    "hx_ctx_new": (c_int, [POINTER(hx_options), POINTER(c_void_p), POINTER(hx_error)]),
    "hx_ctx_free": (None, [c_void_p]),
    "hx_doc_new": (c_int, [c_void_p, c_char_p, c_size_t, POINTER(hx_docinfo), POINTER(c_void_p),
                           POINTER(hx_error)]),
    "hx_doc_from_json": (c_int, [c_void_p, c_char_p, c_size_t, c_uint, POINTER(c_void_p),
                                 POINTER(hx_error)]),
    "hx_doc_date": (c_char_p, [c_void_p]),
    "hx_doc_set_date": (c_int, [c_void_p, c_char_p, POINTER(hx_error)]),
    "hx_doc_analyze": (c_int, [c_void_p, POINTER(hx_error)]),
    "hx_doc_free": (None, [c_void_p]),
    "hx_doc_json": (c_int, [c_void_p, c_uint, POINTER(c_void_p), POINTER(c_size_t),
                            POINTER(hx_error)]),
    "hx_recognize": (c_int, [c_void_p, c_char_p, c_char_p, c_size_t, c_char_p, POINTER(c_void_p),
                             POINTER(hx_error)]),
    "hx_store_open": (c_int, [c_char_p, c_uint, POINTER(c_void_p), POINTER(hx_error)]),
    "hx_store_close": (None, [c_void_p]),
    "hx_store_set_batch": (None, [c_void_p, c_size_t]),
    "hx_store_ingest": (c_int, [c_void_p, c_void_p, POINTER(c_int), POINTER(hx_error)]),
    "hx_store_ingest_json": (c_int, [c_void_p, c_char_p, c_size_t, POINTER(c_int),
                                     POINTER(hx_error)]),
    "hx_store_commit": (c_int, [c_void_p, POINTER(hx_error)]),
    "hx_store_query": (c_int, [c_void_p, POINTER(hx_query), POINTER(c_void_p), POINTER(c_size_t),
                               POINTER(hx_error)]),
}

_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_lib_path: Optional[str] = None


def _candidates() -> list:
    """Paths to try, in order (see the module docstring)."""
    out = []
    env = os.environ.get("HECHOS_LIB")
    if env:
        return [env]  # an explicit choice is never second-guessed
    here = os.path.dirname(os.path.abspath(__file__))
    out.append(os.path.join(here, os.pardir, os.pardir, "build", "libhechos.so"))
    try:
        from . import _where  # written by setup.py at install time
        out.append(os.path.join(_where.ROOT, "build", "libhechos.so"))
    except ImportError:
        pass
    for prefix in (sys.prefix, "/usr/local", "/usr"):
        out.append(os.path.join(prefix, "lib", "libhechos.so"))
    found = ctypes.util.find_library("hechos")
    if found:
        out.append(found)
    return out


def library_path() -> str:
    """The path of the libhechos.so this process uses (loading it if needed)."""
    load()
    assert _lib_path is not None
    return _lib_path


def default_models_dir() -> Optional[str]:
    """Models beside the library: ``ROOT/models`` for a build tree, ``PREFIX/share/hechos/
    models`` for an installed prefix; None when $HECHOS_MODELS is set or nothing is there
    (the library then applies its own rule)."""
    if os.environ.get("HECHOS_MODELS"):
        return None
    libdir = os.path.dirname(os.path.realpath(library_path()))
    for d in (os.path.join(libdir, os.pardir, "models"),
              os.path.join(libdir, os.pardir, "share", "hechos", "models")):
        if os.path.isdir(d):
            return os.path.normpath(d)
    return None


def load() -> ctypes.CDLL:
    """Opens libhechos once per process and declares its functions.

    Raises:
        OSError: when no candidate path holds a loadable library; the message lists
            every path tried and says how to choose one ($HECHOS_LIB).
    """
    global _lib, _lib_path
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in _candidates():
            if not os.path.exists(path) and os.sep in path:
                tried.append(path + " (absent)")
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append(f"{path} ({e})")
                continue
            for name, (res, args) in _PROTOTYPES.items():
                fn = getattr(lib, name)
                fn.restype = res
                fn.argtypes = args
            _lib, _lib_path = lib, os.path.abspath(path) if os.sep in path else path
            return lib
        raise OSError("hechos: libhechos.so not found; run `make` in the hechos tree or set "
                      "HECHOS_LIB to its path. Tried: " + "; ".join(tried))


def take_string(ptr: c_void_p, length: Optional[int] = None) -> bytes:
    """Copies a string the library handed over and frees it with hx_free."""
    if not ptr.value:
        return b""
    try:
        if length is None:
            return ctypes.string_at(ptr.value)
        return ctypes.string_at(ptr.value, length)
    finally:
        load().hx_free(ptr)


def cstr(s: Optional[str]) -> Optional[bytes]:
    """A Python string as a NUL-terminated UTF-8 argument (None stays NULL)."""
    if s is None:
        return None
    if not isinstance(s, str):
        raise TypeError(f"expected str or None, got {type(s).__name__}")
    b = s.encode("utf-8", "surrogatepass")
    if b"\0" in b:
        raise HechosError(STATUS_NAMES.index("NUL"), "NUL byte in " + repr(s[:40]), b.index(b"\0"))
    return b
