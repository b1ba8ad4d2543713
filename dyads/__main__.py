"""`python -m dyads ...` runs the `dyads` command (as from a checkout without the console script)."""

from dyads.cli import main

main()
