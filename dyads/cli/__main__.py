"""`python -m dyads.cli ...` runs the `dyads` command."""

from dyads.cli import main

main()
