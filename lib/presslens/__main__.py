"""`python -m presslens ...` runs the command line (same as the `presslens` command)."""

import sys

from presslens.cli import main

sys.exit(main())
