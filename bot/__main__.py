"""``python -m bot``: the command line (ask, build, events, orgs, people, eval, console, run)."""
import sys

from bot.cli import main

sys.exit(main())
