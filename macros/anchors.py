"""python -m macros.anchors [--update]: published anchors (macros/core/anchors.py)."""
import sys

from macros.core.anchors import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
