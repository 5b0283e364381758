#!/usr/bin/env python3
"""negative_select.py -- draws the raw-es part of the negative event fixture
(tests/fixtures/events_negative.jsonl): paragraphs of ../shared/data/raw-es about money, trade,
work, the arts, sport and science, where a violent event (CAMEO roots 18-20) would be a false alarm.

Selection, fixed: a paragraph of 120-400 characters that starts with a capital, holds at least
two words of the domain list below (prices, banks, trade, theatre, music, science...) and none
of the VIOLENCE words (so that a paragraph that does tell of violence is not in the fixture;
the sense words the fixture tests -- ejecutar, disparar, explotar, tomar, batalla, golpe,
enfrentarse -- are NOT in that list, so they stay in the paragraphs that use them otherwise);
each candidate gets the key fmix64(FNV-1a-64("negative:" + line number)) and the N (200)
smallest keys are kept, in key order.  Prints JSON Lines {"id": "raw-es:LINE", "text": ...}.

Usage: tools/negative_select.py [--shared DIR] [--n 200]
"""
import argparse
import json
import lzma
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind_select import fnv1a64, fmix64, shared_dir  # noqa: E402

DOMAIN = set("""precio precios dinero banco bancos comercio comerciante comerciantes negocio negocios
fábrica fábricas acciones mercado mercados compra venta ventas empresa empresas sociedad capital
fortuna renta rentas crédito deuda deudas ganancia ganancias pesetas duros reales sueldo salario
industria obreros cosecha cosechas teatro obra obras música músico concierto ópera orquesta cantante
pintor pintura cuadro exposición libro libros novela poeta poesía periódico revista ciencia
sabio sabios médico medicina universidad profesor profesores estudiante estudiantes
laboratorio experimento química física máquina máquinas ferrocarril tren vapor electricidad
juego partida carrera caballos toros torero corrida plaza público aplausos función estreno
tienda almacén contrato contratos socio socios accionistas dividendo bolsa letra letras
cambio cambios moneda impuesto impuestos contribución hacienda presupuesto""".split())
VIOLENCE = re.compile(r"\b(mat[aóé]\w*|muert[oae]s?|asesin\w*|sangre|sangriento\w*|herid[oa]s?|"
                      r"puñal\w*|cuchill\w*|pistola\w*|revólver\w*|fusil\w*|escopeta\w*|"
                      r"guerra\w*|soldad\w*|tropas?|ejército\w*|cadáver\w*|cañ[oó]n\w*|"
                      r"golpes|pegó|palos?|bofet\w*|crimen\w*|criminal\w*|violen\w*|"
                      r"pelea\w*|luch\w*|atac\w*|ataque\w*|bomba\w*|tiros?|balas?|"
                      r"fusila\w*|ahorca\w*|degoll\w*|hiri[óe]\w*|mori\w*|murió)\b", re.I)


def candidates(path):
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for num, line in enumerate(f, 1):
            line = line.strip()
            if not (120 <= len(line) <= 400) or not line[0].isupper():
                continue
            words = set(re.findall(r"\w+", line.lower()))
            if len(words & DOMAIN) < 2 or VIOLENCE.search(line):
                continue
            yield num, line


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared")
    ap.add_argument("--n", type=int, default=200)
    a = ap.parse_args()
    path = os.path.join(shared_dir(a.shared), "data", "raw-es", "es_corpus_public_domain.txt.xz")
    if not os.path.exists(path):
        print(f"negative_select: {path}: not found", file=sys.stderr)
        return 77
    keyed = sorted((fmix64(fnv1a64(f"negative:{n}".encode())), n, t) for n, t in candidates(path))
    for _, num, text in keyed[:a.n]:
        print(json.dumps({"id": f"raw-es:{num}", "text": text}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
