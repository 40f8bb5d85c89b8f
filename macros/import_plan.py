"""python -m macros.import_plan SOURCE [--id ID] [-o FILE] [--update FILE]: a plan article (.docx,
.txt, .md) → plan YAML drafts and a report (macros/core/importer/cli.py). Needs no MkDocs."""
import sys

from macros.core.importer.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
