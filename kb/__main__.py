"""``python -m kb``: the ``kb`` command (kb.cli), for an environment whose scripts are not on the PATH."""

import sys

from kb.cli import main

sys.exit(main())
