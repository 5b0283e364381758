"""setup.py -- records, in the installed package, where the hechos tree it was installed
from is (hechos/_where.py: ROOT), so that an installed package still finds that tree's
build/libhechos.so and models/ when $HECHOS_LIB is not set.  Everything else is in
pyproject.toml.  The source tree itself never holds _where.py (it finds ../build)."""
import os

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class BuildPy(build_py):
    def run(self):
        super().run()
        if os.path.exists(os.path.join(ROOT, "build", "libhechos.so")):
            target = os.path.join(self.build_lib, "hechos", "_where.py")
            with open(target, "w", encoding="utf-8") as f:
                f.write('"""Written by setup.py: the hechos tree this package was installed '
                        'from."""\nROOT = %r\n' % ROOT)


setup(cmdclass={"build_py": BuildPy})
