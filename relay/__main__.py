"""`python -m relay` is `parley-relay`."""

import sys

from relay.cli import main

sys.exit(main())
