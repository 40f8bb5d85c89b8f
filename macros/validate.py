"""python -m macros.validate [FILE ...]: check data files without building (macros/core/validate.py)."""
import sys

from macros.core.validate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
