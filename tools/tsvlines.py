"""tsvlines.py -- the reader the number-lexicon generators share (gen_units.py,
gen_numwords.py, gen_currencies.py --out): the TAB-separated records of a data file,
blank lines and # comments skipped, each with its FILE:LINE for error messages."""


def records(path):
    """Yields (where, fields) for each record of path; where is "path:LINE"."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield f"{path}:{n}", line.split("\t")
