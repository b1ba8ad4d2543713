"""The command line, thin over the library: `dyads.cli.main` is the `dyads` command.

Each module adds its commands to the group in `dyads.cli.common`; none imports another command
module, and the heavy libraries (spaCy, DuckDB, FastAPI, pyspark) are imported inside the
commands that use them, so `dyads --help` and `dyads serve` start without a language model.
"""

from dyads.cli import coding, corpus, serve, spark, watch
from dyads.cli.common import main

corpus.register(main)
serve.register(main)
spark.register(main)
watch.register(main)

__all__ = ["coding", "main"]
