"""One module per command: a function that takes the parsed arguments and returns an
exit code, and says what it has to say through its :class:`~.reporter.Reporter`.

``cli.py`` declares the commands and their options and calls these; they parse no
argument and print nothing themselves.
"""

#: Exit codes (README, "Exit codes"). The report was written; a --fail-under/--fail-on
#: gate failed; invalid input or usage; an internal error; interrupted.
EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: 128 + SIGPIPE: what a shell reports for ``cat`` or ``grep`` whose reader went away.
EXIT_BROKEN_PIPE = 141
